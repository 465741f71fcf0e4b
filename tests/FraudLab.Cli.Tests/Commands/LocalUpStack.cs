using System.Globalization;
using FraudDetection.LocalStack;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary>
/// A stack started the way a user starts it: the real <c>fraudlab local up</c> process, with its own state folder and
/// free non-default ports (in-memory Kafka), stopped with <c>fraudlab local down</c> when the test class is done.
/// </summary>
public sealed class LocalUpStack : IAsyncLifetime
{
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("fraudlab-cli-local-").FullName;

    public int KafkaPort { get; } = TcpPorts.FindFree();

    public int DynamoDbPort { get; } = TcpPorts.FindFree();

    public string BootstrapServers => $"127.0.0.1:{KafkaPort}";

    public string DynamoDbServiceUrl => $"http://127.0.0.1:{DynamoDbPort}";

    /// <summary>What the first <c>local up</c> printed.</summary>
    public ProcessResult Up { get; private set; } = null!;

    public StackDiscovery Discovery { get; private set; } = null!;

    public string DiscoveryFile => Path.Combine(StateDirectory, "stack.json");

    /// <summary>The arguments that select this stack, for any verb.</summary>
    public IReadOnlyList<string> StackArguments =>
        ["--state-dir", StateDirectory, "--kafka-port", KafkaPort.ToString(CultureInfo.InvariantCulture), "--dynamodb-port", DynamoDbPort.ToString(CultureInfo.InvariantCulture)];

    public async ValueTask InitializeAsync()
    {
        Up = await ProcessRunner.RunCliAsync(["local", "up", .. StackArguments, "--in-memory"]);
        if (Up.ExitCode != 0)
        {
            throw new InvalidOperationException($"fraudlab local up failed: {Up}");
        }

        Discovery = StackDiscovery.Read(DiscoveryFile) ?? throw new InvalidOperationException($"local up wrote no {DiscoveryFile}: {Up}");
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunCliAsync(["local", "down", "--state-dir", StateDirectory]);
    }
}
