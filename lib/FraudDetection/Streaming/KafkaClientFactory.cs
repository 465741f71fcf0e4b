using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Stack;

namespace FraudDetection.Streaming;

/// <summary>
/// Turns <see cref="KafkaOptions"/> into librdkafka client configurations: bootstrap servers, security
/// (plaintext locally, SASL/SCRAM over TLS on MSK), a <c>client.id</c> that starts with the kit's prefix,
/// then <see cref="KafkaOptions.Settings"/> passed through last so an operator can override any default here.
/// </summary>
public sealed class KafkaClientFactory(KafkaOptions options, KafkaSecretResolver? secrets = null)
{
    /// <summary>
    /// The producers' <c>message.max.bytes</c>: Apache Kafka's (and MSK's) default topic <c>max.message.bytes</c>,
    /// so a record the kit's producers accept is one the topics accept. Override with
    /// <c>Kafka:Settings:message.max.bytes</c> together with the topics' <c>max.message.bytes</c>.
    /// </summary>
    public const int DefaultMaxMessageBytes = 1_048_588;

    /// <summary>How often a background-committing consumer commits its stored offsets.</summary>
    public const int BackgroundCommitIntervalMs = 100;

    public KafkaOptions Options { get; } = options;

    /// <summary>A producer tuned for low latency: idempotent, acks=all, short linger, LZ4 batches, murmur2 partitioning.</summary>
    public ProducerConfig ProducerConfig(string role)
    {
        var config = new ProducerConfig
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4,
            // The Java client's partitioner: any producer keying by Account_Id puts an account in the same partition.
            Partitioner = Partitioner.Murmur2Random,
            // Delivery reports carry only what the sinks need; fewer fields, fewer allocations.
            DeliveryReportFields = "status",
            MessageMaxBytes = DefaultMaxMessageBytes,
        };
        return Apply(config, role);
    }

    /// <summary>
    /// A consumer whose offsets the caller decides (at-least-once). By default the caller commits them itself; with
    /// <paramref name="backgroundCommit"/> it only stores each offset once its sinks acknowledged (<c>StoreOffset</c>)
    /// and librdkafka commits what is stored every <see cref="BackgroundCommitIntervalMs"/> ms off the caller's
    /// thread, so no commit round trip ever stalls the loop. <paramref name="groupInstanceId"/>: static membership (KIP-345).
    /// </summary>
    public ConsumerConfig ConsumerConfig(string role, string groupId, bool fromBeginning = true, bool backgroundCommit = false, string? groupInstanceId = null)
    {
        var config = new ConsumerConfig
        {
            GroupId = groupId,
            GroupInstanceId = string.IsNullOrWhiteSpace(groupInstanceId) ? null : groupInstanceId,
            EnableAutoCommit = backgroundCommit,
            AutoCommitIntervalMs = backgroundCommit ? BackgroundCommitIntervalMs : null,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = fromBeginning ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
            // Range gives partition p of every subscribed topic to the same member: the transactions/flags join
            // stays co-partitioned. (Sticky and round-robin assignors do not promise that.)
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
            // Answer a fetch within 5 ms when little data is waiting: latency over request count. (Keep librdkafka's
            // default queued.min.messages: lowering it throttles the prefetcher to a fraction of the broker's rate.)
            FetchWaitMaxMs = 5,
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
        };
        return Apply(config, role);
    }

    public AdminClientConfig AdminConfig(string role = "admin") => Apply(new AdminClientConfig(), role);

    /// <summary>The client.id for a role: <c>{prefix}-{role}</c>.</summary>
    public string ClientId(string role) =>
        string.IsNullOrWhiteSpace(Options.ClientIdPrefix) ? role : $"{Options.ClientIdPrefix}-{role}";

    /// <summary>
    /// aws mode: SCRAM credentials named by <see cref="KafkaOptions.SaslSecretArn"/> are read once, at the first client
    /// configuration, and kept in <see cref="Options"/> (memory only), so every client built from these options shares them.
    /// </summary>
    private void ResolveSecret()
    {
        if (string.IsNullOrWhiteSpace(Options.SaslSecretArn) || !string.IsNullOrEmpty(Options.SaslPassword))
        {
            return;
        }

        var resolver = secrets ?? new KafkaSecretResolver(new SystemProcessRunner());
        var credentials = resolver.ResolveAsync(Options.SaslSecretArn, CancellationToken.None).GetAwaiter().GetResult();
        Options.SaslUsername = credentials.Username;
        Options.SaslPassword = credentials.Password;
    }

    private T Apply<T>(T config, string role)
        where T : ClientConfig
    {
        config.BootstrapServers = Options.BootstrapServers;
        config.ClientId = ClientId(role);
        config.SecurityProtocol = ParseSecurityProtocol(Options.SecurityProtocol);
        if (!string.IsNullOrWhiteSpace(Options.SaslMechanism))
        {
            ResolveSecret();
            config.SaslMechanism = ParseSaslMechanism(Options.SaslMechanism);
            config.SaslUsername = Options.SaslUsername;
            config.SaslPassword = Options.SaslPassword;
        }

        foreach (var (key, value) in Options.Settings)
        {
            config.Set(key, value);
        }

        return config;
    }

    internal static SecurityProtocol ParseSecurityProtocol(string value) => value.Trim().ToLowerInvariant() switch
    {
        "plaintext" => SecurityProtocol.Plaintext,
        "ssl" => SecurityProtocol.Ssl,
        "sasl_plaintext" => SecurityProtocol.SaslPlaintext,
        "sasl_ssl" => SecurityProtocol.SaslSsl,
        _ => throw new KitConfigurationException($"invalid configuration: Kafka:SecurityProtocol '{value}' is not plaintext, ssl, sasl_plaintext or sasl_ssl"),
    };

    internal static SaslMechanism ParseSaslMechanism(string value) => value.Trim().ToUpperInvariant() switch
    {
        "SCRAM-SHA-512" => SaslMechanism.ScramSha512,
        "SCRAM-SHA-256" => SaslMechanism.ScramSha256,
        "PLAIN" => SaslMechanism.Plain,
        "OAUTHBEARER" => SaslMechanism.OAuthBearer,
        _ => throw new KitConfigurationException($"invalid configuration: Kafka:SaslMechanism '{value}' is not SCRAM-SHA-512, SCRAM-SHA-256, PLAIN or OAUTHBEARER"),
    };
}
