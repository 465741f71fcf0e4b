namespace FraudDetection.Configuration;

/// <summary>
/// Where the kit's files live: the repository root (found by walking up to <c>FraudLab.slnx</c>,
/// or <c>FRAUDLAB_HOME</c>), the runtime state folder <c>.fraudlab/</c> and the output folder <c>out/</c>.
/// </summary>
public sealed record KitPaths(string Root)
{
    public const string SolutionFileName = "FraudLab.slnx";
    public const string HomeVariable = "FRAUDLAB_HOME";

    public string StateDirectory => Path.Combine(Root, ".fraudlab");
    public string LocalStateDirectory => Path.Combine(StateDirectory, "local");
    public string LocalDiscoveryFile => Path.Combine(LocalStateDirectory, "stack.json");
    public string AwsStateDirectory => Path.Combine(StateDirectory, "aws");
    public string AwsOutputsFile => Path.Combine(AwsStateDirectory, "stack-outputs.json");
    public string OutputDirectory => Path.Combine(Root, "out");
    public string AssetsDirectory => Path.Combine(Root, "assets");
    public string SettingsFile => Path.Combine(AssetsDirectory, "appsettings.json");
    public string LocalFeedDirectory => Path.Combine(StateDirectory, "feed");

    /// <summary>Finds the kit from <c>FRAUDLAB_HOME</c>, the current directory or the running assembly, in that order.</summary>
    public static KitPaths Discover()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(home))
        {
            return new KitPaths(Path.GetFullPath(home));
        }

        return TryFindRoot(Environment.CurrentDirectory) is { } fromCwd
            ? new KitPaths(fromCwd)
            : TryFindRoot(AppContext.BaseDirectory) is { } fromBinary
                ? new KitPaths(fromBinary)
                : new KitPaths(Environment.CurrentDirectory);
    }

    /// <summary>Walks up from <paramref name="start"/> to the folder that holds the solution file.</summary>
    public static string? TryFindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
