namespace FraudLab.Notebooks.Packages;

/// <summary>Finds the <c>dotnet</c> executable and prepares a clean environment for a child build.</summary>
internal static class DotnetHost
{
    /// <summary>The muxer running this process if it is <c>dotnet</c>, else <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> on PATH.</summary>
    public static string Path
    {
        get
        {
            var self = Environment.ProcessPath;
            if (self is not null && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return string.IsNullOrWhiteSpace(host) ? "dotnet" : host;
        }
    }

    /// <summary>
    /// Removes the variables a parent build or test host sets (MSBuild paths, SDK resolver hints), which would
    /// otherwise point the child build at the parent's MSBuild and fail in confusing ways.
    /// </summary>
    public static void IsolateFromParentBuild(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
    }
}
