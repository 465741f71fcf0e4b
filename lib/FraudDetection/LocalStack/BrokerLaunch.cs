using System.Globalization;

namespace FraudDetection.LocalStack;

/// <summary>How to run the kit's Kafka broker in its own process: <c>dotnet fraudlab.dll local kafka --port P --data-dir D</c>.</summary>
public static class BrokerLaunch
{
    public const string Name = "kafka";

    /// <summary>
    /// The launch for the broker on <paramref name="host"/>:<paramref name="port"/>, durable in <paramref name="dataDirectory"/>
    /// unless <paramref name="inMemory"/>. Throws a one-line <see cref="LocalStackException"/> when the CLI or .NET is missing.
    /// </summary>
    /// <param name="tlsCertificateFile">PEM certificate for TLS (<c>--tls-cert</c>); null: plaintext.</param>
    /// <param name="tlsKeyFile">Its PEM key (<c>--tls-key</c>).</param>
    /// <param name="scramUsersFile">JSON file of SCRAM users (<c>--scram-users</c>); null: no SASL.</param>
    public static LaunchSpec Create(string kitRoot, string host, int port, string dataDirectory, bool inMemory, string logFile, string? cliPath = null,
        string? tlsCertificateFile = null, string? tlsKeyFile = null, string? scramUsersFile = null)
    {
        var cli = ExecutableSearch.FindFraudLabCli(kitRoot, cliPath)
            ?? throw new LocalStackException($"fraudlab.dll not found (set {ExecutableSearch.CliVariable}, or build it: ./download.sh)");
        var dotnet = ExecutableSearch.FindDotnetHost()
            ?? throw new LocalStackException("the .NET host 'dotnet' was not found on PATH: install the .NET 10 SDK");

        var portText = port.ToString(CultureInfo.InvariantCulture);
        List<string> arguments = [cli, "local", "kafka", "--host", host, "--port", portText];
        if (inMemory)
        {
            arguments.Add("--in-memory");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            arguments.AddRange(["--data-dir", dataDirectory]);
        }

        if (tlsCertificateFile is not null) arguments.AddRange(["--tls-cert", tlsCertificateFile]);
        if (tlsKeyFile is not null) arguments.AddRange(["--tls-key", tlsKeyFile]);
        if (scramUsersFile is not null) arguments.AddRange(["--scram-users", scramUsersFile]);

        return new LaunchSpec(Name, dotnet, arguments, kitRoot, logFile, [Path.GetFileName(cli), "kafka", "--port", portText]);
    }
}
