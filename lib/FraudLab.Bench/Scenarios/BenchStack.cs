using System.Globalization;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// A private local stack for one benchmark run: the kit's broker (in memory) and dynalite on free ports, in a
/// temporary state folder, started through the same <see cref="LocalStackManager"/> as <c>fraudlab local up</c>
/// and stopped at the end, so a run never disturbs (or is disturbed by) a workshop stack.
/// Each phase gets its own topics and consumer group through <see cref="ConfigurationFor"/>.
/// </summary>
public sealed class BenchStack : IAsyncDisposable
{
    private readonly LocalStackManager manager;
    private readonly Dictionary<string, string?> overrides;
    private readonly KitPaths paths;
    private readonly string stateDirectory;

    private BenchStack(LocalStackManager manager, Dictionary<string, string?> overrides, KitPaths paths, string stateDirectory)
    {
        this.manager = manager;
        this.overrides = overrides;
        this.paths = paths;
        this.stateDirectory = stateDirectory;
    }

    public string BootstrapServers => overrides["Kafka:BootstrapServers"]!;

    public string DynamoDbServiceUrl => overrides["DynamoDb:ServiceUrl"]!;

    public static async Task<BenchStack> StartAsync(KitPaths paths, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "fraudlab-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var kafkaPort = TcpPorts.FindFree();
        var dynamoPort = TcpPorts.FindFree();
        var overrides = new Dictionary<string, string?>
        {
            ["LocalStack:StateDirectory"] = stateDirectory,
            ["LocalStack:KafkaPort"] = kafkaPort.ToString(CultureInfo.InvariantCulture),
            ["LocalStack:DynamoDbPort"] = dynamoPort.ToString(CultureInfo.InvariantCulture),
            ["LocalStack:KafkaInMemory"] = "true",
            ["Kafka:BootstrapServers"] = $"127.0.0.1:{kafkaPort}",
            ["DynamoDb:ServiceUrl"] = $"http://127.0.0.1:{dynamoPort}",
            ["AuditTable:TableName"] = "fraud_audit_bench",
        };
        var manager = LocalStackManager.From(KitConfiguration.Load(KitMode.Local, overrides, paths));
        await manager.UpAsync(progress, cancellationToken).ConfigureAwait(false);
        return new BenchStack(manager, overrides, paths, stateDirectory);
    }

    /// <summary>Configuration for one phase: the stack's endpoints, topics suffixed with the phase name.</summary>
    public KitConfiguration ConfigurationFor(string phase)
    {
        var topics = new TopicsOptions();
        var phaseOverrides = new Dictionary<string, string?>(overrides)
        {
            ["Topics:Transactions"] = $"{topics.Transactions}_{phase}",
            ["Topics:FlaggedAccounts"] = $"{topics.FlaggedAccounts}_{phase}",
            ["Topics:Processed"] = $"{topics.Processed}_{phase}",
            ["Topics:Rules"] = $"{topics.Rules}_{phase}",
            ["Topics:RuleErrors"] = $"{topics.RuleErrors}_{phase}",
            ["Topics:DeadLetter"] = $"{topics.DeadLetter}_{phase}",
            ["Topics:Alerts"] = $"{topics.Alerts}_{phase}",
            ["Processor:GroupId"] = $"bench-{phase}",
        };
        return KitConfiguration.Load(KitMode.Local, phaseOverrides, paths);
    }

    public async ValueTask DisposeAsync()
    {
        await manager.DownAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a run are worth little; a file still held open is not worth failing the run for.
        }
    }
}
