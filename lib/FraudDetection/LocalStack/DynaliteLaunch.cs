namespace FraudDetection.LocalStack;

/// <summary>How to run dynalite, the local DynamoDB: <c>node node_modules/dynalite/cli.js --host H --port P [--path DIR]</c>.</summary>
public static class DynaliteLaunch
{
    public const string Name = "dynamodb";

    /// <summary>dynalite's entry script under the kit root (installed by <c>npm ci</c> in download.sh).</summary>
    public static string ScriptPath(string kitRoot) => Path.Combine(kitRoot, "node_modules", "dynalite", "cli.js");

    /// <summary>
    /// The launch for dynalite on <paramref name="host"/>:<paramref name="port"/>; in memory unless <paramref name="dataDirectory"/> is set.
    /// Throws a one-line <see cref="LocalStackException"/> when Node.js or dynalite is missing.
    /// </summary>
    public static LaunchSpec Create(string kitRoot, string host, int port, string? dataDirectory, string logFile)
    {
        var node = ExecutableSearch.FindOnPath("node")
            ?? throw new LocalStackException("Node.js not found on PATH: dynalite (the local DynamoDB) needs Node 20; install it (Debian: apt-get install nodejs) and run ./download.sh");
        var script = ScriptPath(kitRoot);
        if (!File.Exists(script))
        {
            throw new LocalStackException($"dynalite is not installed ({script} is missing): run ./download.sh (it runs npm ci)");
        }

        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<string> arguments = [script, "--host", host, "--port", portText];
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            Directory.CreateDirectory(dataDirectory);
            arguments.AddRange(["--path", dataDirectory]);
        }

        return new LaunchSpec(Name, node, arguments, kitRoot, logFile, ["dynalite/cli.js", "--port", portText]);
    }
}
