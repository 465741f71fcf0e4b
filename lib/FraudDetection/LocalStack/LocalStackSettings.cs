using FraudDetection.Configuration;

namespace FraudDetection.LocalStack;

/// <summary>
/// Everything <see cref="LocalStackManager"/> needs, resolved from configuration: where the state lives, which ports,
/// what to create. The endpoints derive from <see cref="LocalStackOptions"/> (host and ports), not from the
/// <c>Kafka</c>/<c>DynamoDb</c> sections, because the stack being started is what those sections will point at.
/// </summary>
public sealed record LocalStackSettings(KitPaths Paths, LocalStackOptions Stack, TopicsOptions Topics, AuditTableOptions AuditTable, KafkaOptions Kafka)
{
    public const string DiscoveryFileName = "stack.json";

    /// <summary>How long <c>down</c> waits after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>fraudlab.dll</c> that runs the broker; null finds it (see <see cref="ExecutableSearch.FindFraudLabCli"/>).</summary>
    public string? CliPath { get; init; }

    public static LocalStackSettings From(KitConfiguration configuration) =>
        new(configuration.Paths, configuration.LocalStack, configuration.Topics, configuration.AuditTable, configuration.Kafka);

    public string StateDirectory => string.IsNullOrWhiteSpace(Stack.StateDirectory)
        ? Paths.LocalStateDirectory
        : Path.GetFullPath(Stack.StateDirectory, Paths.Root);

    public string DiscoveryFile => Path.Combine(StateDirectory, DiscoveryFileName);

    public string KafkaLogFile => Path.Combine(StateDirectory, "kafka.log");

    public string DynamoDbLogFile => Path.Combine(StateDirectory, "dynamodb.log");

    public string KafkaDataDirectory => Path.Combine(StateDirectory, "kafka");

    /// <summary>dynalite's LevelDB folder, or null for in memory.</summary>
    public string? DynamoDbDataDirectory => string.IsNullOrWhiteSpace(Stack.DynamoDbPath) ? null : Path.GetFullPath(Stack.DynamoDbPath, Paths.Root);

    public string BootstrapServers => $"{Stack.Host}:{Stack.KafkaPort}";

    public string DynamoDbServiceUrl => $"http://{Stack.Host}:{Stack.DynamoDbPort}";

    public TimeSpan StartTimeout => TimeSpan.FromSeconds(Stack.StartTimeoutSeconds);

    /// <summary>Kafka client options for this stack: plaintext to the local broker, the configured client id prefix and extra settings kept.</summary>
    public KafkaOptions KafkaClient => new()
    {
        BootstrapServers = BootstrapServers,
        SecurityProtocol = "plaintext",
        ClientIdPrefix = Kafka.ClientIdPrefix,
        Settings = Kafka.Settings,
    };

    /// <summary>DynamoDB client options for this stack (dynalite accepts any key).</summary>
    public DynamoDbOptions DynamoDbClient => new() { ServiceUrl = DynamoDbServiceUrl };
}
