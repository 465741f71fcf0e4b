namespace FraudDetection.LocalStack;

/// <summary>Finds the programs the local stack runs: a name on PATH, the .NET host, the <c>fraudlab</c> CLI assembly.</summary>
public static class ExecutableSearch
{
    /// <summary>Environment variable naming the <c>fraudlab.dll</c> to run the broker with (notebooks, tests, installed copies).</summary>
    public const string CliVariable = "FRAUDLAB_CLI";

    private const string CliAssemblyName = "fraudlab";

    /// <summary>Full path of <paramref name="name"/> found on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The <c>dotnet</c> host: this process when it is one, else what the SDK exported, else PATH.</summary>
    public static string? FindDotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var exported = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(exported) && File.Exists(exported))
        {
            return exported;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return FindOnPath("dotnet");
    }

    /// <summary>
    /// The <c>fraudlab.dll</c> to start the broker with, in this order: <paramref name="explicitPath"/>, the running CLI itself,
    /// <c>FRAUDLAB_CLI</c>, the newest build under <c>lib/FraudLab.Cli/bin/*/net10.0/</c> of the kit.
    /// </summary>
    public static string? FindFraudLabCli(string kitRoot, string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        if (System.Reflection.Assembly.GetEntryAssembly() is { } entry
            && entry.GetName().Name == CliAssemblyName
            && File.Exists(entry.Location))
        {
            return entry.Location;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(CliVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        var bin = Path.Combine(kitRoot, "lib", "FraudLab.Cli", "bin");
        if (!Directory.Exists(bin))
        {
            return null;
        }

        return Directory.EnumerateDirectories(bin)
            .Select(configuration => Path.Combine(configuration, "net10.0", CliAssemblyName + ".dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
