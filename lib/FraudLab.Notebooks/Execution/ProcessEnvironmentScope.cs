namespace FraudLab.Notebooks.Execution;

/// <summary>
/// Sets the current directory and environment variables for a notebook run and puts them back afterwards.
/// Both are process-wide, which is why <see cref="NotebookRunner"/> runs one notebook at a time.
/// </summary>
internal sealed class ProcessEnvironmentScope : IDisposable
{
    private readonly string _previousDirectory = Environment.CurrentDirectory;
    private readonly Dictionary<string, string?> _previousVariables = [];

    public ProcessEnvironmentScope(string workingDirectory, IReadOnlyDictionary<string, string?> variables)
    {
        foreach (var (name, value) in variables)
        {
            _previousVariables[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        Environment.CurrentDirectory = workingDirectory;
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = _previousDirectory;
        foreach (var (name, value) in _previousVariables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
