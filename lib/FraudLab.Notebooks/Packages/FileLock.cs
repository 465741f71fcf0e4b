namespace FraudLab.Notebooks.Packages;

/// <summary>An exclusive lock file, so two processes never restore into the same cache entry at once.</summary>
internal static class FileLock
{
    public static async Task<IDisposable> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
