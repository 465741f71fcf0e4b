using Amazon.DynamoDBv2;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FraudDetection.Configuration;
using FraudDetection.Storage;
using FraudDetection.Streaming;
using FraudLab.Broker;
using Xunit;

namespace FraudLab.Testing;

/// <summary>
/// The one local stack of a test assembly: the kit's broker in-process (in memory, free port) and dynalite as a child
/// process (in memory, free port). Use it as <c>[assembly: AssemblyFixture(typeof(LocalStackFixture))]</c> and take it
/// in a test class constructor. Tests share it, so each test makes its own names with <see cref="UniqueName"/>.
/// Disposing stops both; a test host that dies without disposing has its dynalite reaped by the next fixture.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    private KafkaBroker? _broker;
    private DynaliteChild? _dynalite;

    public KitPaths Paths { get; } = KitPaths.Discover();

    /// <summary>host:port of the in-process broker.</summary>
    public string BootstrapServers { get; private set; } = string.Empty;

    /// <summary>http://127.0.0.1:port of dynalite.</summary>
    public string DynamoDbServiceUrl { get; private set; } = string.Empty;

    /// <summary>The kit's configuration (local mode) pointing at this stack.</summary>
    public KitConfiguration Configuration { get; private set; } = null!;

    public KafkaClientFactory KafkaClients => new(Configuration.Kafka);

    public async ValueTask InitializeAsync()
    {
        var registry = new StaleTestProcesses(Path.Combine(Paths.StateDirectory, "test-stacks"));
        await registry.ReapAsync();
        _dynalite = await DynaliteChild.StartAsync(Paths, registry, CancellationToken.None);
        try
        {
            _broker = await KafkaBroker.StartAsync(new BrokerOptions { Host = "127.0.0.1", Port = 0, InMemory = true });
        }
        catch
        {
            await _dynalite.DisposeAsync();
            throw;
        }

        BootstrapServers = _broker.BootstrapServers;
        DynamoDbServiceUrl = _dynalite.ServiceUrl;
        Configuration = ConfigurationWith(new Dictionary<string, string?>());
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_dynalite is not null)
        {
            await _dynalite.DisposeAsync();
        }
    }

    /// <summary>This stack's configuration plus <paramref name="overrides"/> (e.g. a unique table or topic names).</summary>
    public KitConfiguration ConfigurationWith(IReadOnlyDictionary<string, string?> overrides)
    {
        var all = new Dictionary<string, string?>(overrides)
        {
            [$"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}"] = BootstrapServers,
            [$"{DynamoDbOptions.Section}:{nameof(DynamoDbOptions.ServiceUrl)}"] = DynamoDbServiceUrl,
        };
        return KitConfiguration.Load(KitMode.Local, all, Paths);
    }

    /// <summary>A name no other test uses: <c>{prefix}-{32 hex}</c> (valid for Kafka topics, groups and DynamoDB tables).</summary>
    public static string UniqueName(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Creates a topic with a unique name (or <paramref name="name"/>) and returns the name.</summary>
    public async Task<string> CreateTopicAsync(int partitions = 1, string? name = null)
    {
        name ??= UniqueName("topic");
        using var admin = new AdminClientBuilder(KafkaClients.AdminConfig("test-admin")).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
        return name;
    }

    /// <summary>A DynamoDB client for dynalite; the caller disposes it.</summary>
    public IAmazonDynamoDB CreateDynamoDbClient() => DynamoDbClientFactory.Create(Configuration.DynamoDb, KitMode.Local);
}
