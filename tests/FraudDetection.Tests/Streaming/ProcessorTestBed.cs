using System.Text;
using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Storage;
using FraudDetection.Streaming;
using FraudLab.Testing;

namespace FraudDetection.Tests.Streaming;

/// <summary>
/// Everything one processor test needs on the shared local stack, under names of its own: topics, audit table,
/// consumer group, a labelled generated data set, and ways to publish it, run processors and read what they wrote.
/// </summary>
internal sealed class ProcessorTestBed
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    private ProcessorTestBed(LocalStackFixture stack, TopicsOptions topics, string table, string? dynamoDbServiceUrl)
    {
        Stack = stack;
        Topics = topics;
        GroupId = LocalStackFixture.UniqueName("group");
        var overrides = new Dictionary<string, string?>
        {
            ["Topics:Transactions"] = topics.Transactions,
            ["Topics:FlaggedAccounts"] = topics.FlaggedAccounts,
            ["Topics:Processed"] = topics.Processed,
            ["Topics:Rules"] = topics.Rules,
            ["Topics:RuleErrors"] = topics.RuleErrors,
            ["Topics:DeadLetter"] = topics.DeadLetter,
            ["Topics:Alerts"] = topics.Alerts,
            ["Topics:Partitions"] = topics.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AuditTable:TableName"] = table,
        };
        var configuration = stack.ConfigurationWith(overrides);
        if (dynamoDbServiceUrl is not null)
        {
            overrides["DynamoDb:ServiceUrl"] = dynamoDbServiceUrl;
            configuration = KitConfiguration.Load(KitMode.Local, new Dictionary<string, string?>(overrides)
            {
                ["Kafka:BootstrapServers"] = stack.BootstrapServers,
            }, stack.Paths);
        }

        Configuration = configuration;
    }

    public LocalStackFixture Stack { get; }

    public TopicsOptions Topics { get; }

    public string GroupId { get; }

    public KitConfiguration Configuration { get; }

    public KafkaClientFactory Kafka => new(Configuration.Kafka);

    /// <summary>A bed with unique names; <paramref name="dynamoDbServiceUrl"/> points it at a DynamoDB of the test's own.</summary>
    public static ProcessorTestBed Create(LocalStackFixture stack, string? dynamoDbServiceUrl = null) =>
        new(stack, TopicAdminTests.UniqueTopics(partitions: 4), LocalStackFixture.UniqueName("audit"), dynamoDbServiceUrl);

    /// <summary>A processor of this bed's group; small batches so that a run spans many commits.</summary>
    public FraudProcessor NewProcessor(string instance, ProcessorHooks? hooks = null, Action<ProcessorOptions>? tune = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var options = new ProcessorOptions
        {
            GroupId = GroupId,
            InstanceId = instance,
            MaxBatchSize = 250,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        tune?.Invoke(options);
        return new(ProcessorSettings.From(Configuration, options), hooks, logger: logger);
    }

    /// <summary>Input partitions (both topics) whose committed offset is behind their end, right now.</summary>
    public IReadOnlyList<TopicPartition> Uncommitted()
    {
        var config = Kafka.ConsumerConfig("test-progress", GroupId);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var partitions = new[] { Topics.Transactions, Topics.FlaggedAccounts }
            .SelectMany(t => Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(t, p)))
            .ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
        return partitions.Where(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value is var high && high > 0 && committed[p] < high).ToList();
    }

    /// <summary>A labelled data set: pool traffic, flagged accounts and every fraud scenario, event time starting now.</summary>
    public static DataSet Generate(int transactions, int seed = 7)
    {
        var options = new GeneratorOptions
        {
            Seed = seed,
            Accounts = 200,
            EventsPerSecond = 50,
            FraudRatio = 0.03,
            FlaggedAccounts = 3,
            StartTime = DateTimeOffset.UtcNow.AddMinutes(-30),
            FlagDelay = TimeSpan.FromSeconds(10),
        };
        var generated = new TransactionGenerator(options).Generate().Take(transactions).ToList();
        var flags = new FlagGenerator(options).Generate().ToList();
        return new DataSet(generated, flags);
    }

    public async Task CreateTopicsAsync()
    {
        using var admin = new TopicAdmin(Kafka);
        await admin.EnsureTopicsAsync(Topics, TestContext.Current.CancellationToken);
    }

    public void PublishFlags(DataSet data)
    {
        using var publisher = new EventPublisher(Kafka, "test-flags");
        foreach (var flag in data.Flags)
        {
            publisher.Publish(Topics.FlaggedAccounts, flag);
        }

        publisher.WaitForAcknowledgements(TestContext.Current.CancellationToken);
    }

    public void PublishTransactions(IEnumerable<LabelledTransaction> transactions)
    {
        using var publisher = new EventPublisher(Kafka, "test-transactions");
        foreach (var item in transactions)
        {
            publisher.Publish(Topics.Transactions, item.Transaction);
        }

        publisher.WaitForAcknowledgements(TestContext.Current.CancellationToken);
    }

    /// <summary>Raw records, as a broken producer would send them.</summary>
    public void PublishRaw(string topic, IEnumerable<(byte[]? Key, byte[]? Value)> records)
    {
        using var producer = new AcknowledgedProducer(Kafka, "test-raw");
        foreach (var (key, value) in records)
        {
            producer.Send(topic, new Message<byte[]?, byte[]?> { Key = key, Value = value });
        }

        producer.WaitForAcknowledgements(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the group has committed the end of every partition of both input topics.</summary>
    public async Task WaitUntilAllCommittedAsync(params FraudProcessor[] running)
    {
        var config = Kafka.ConsumerConfig("test-progress", GroupId);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var partitions = new[] { Topics.Transactions, Topics.FlaggedAccounts }
            .SelectMany(t => Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(t, p)))
            .ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(WaitLimit);
        while (true)
        {
            var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
            var behind = partitions.Where(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value is var high && high > 0 && committed[p] < high).ToList();
            if (behind.Count == 0)
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                var stats = string.Join("; ", running.Select(r => r.Stats.ToString()));
                Assert.Fail($"the group did not commit the end of {string.Join(", ", behind)} within {WaitLimit.TotalSeconds} s ({stats})");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async Task<IReadOnlyList<AuditItem>> ReadAuditAsync()
    {
        using var client = DynamoDbClientFactory.Create(Configuration.DynamoDb, KitMode.Local);
        return await new AuditTableReader(client, Configuration.AuditTable).ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync();
    }

    public IReadOnlyList<ProcessedTransaction> ReadProcessed() => Read(Topics.Processed);

    public IReadOnlyList<ProcessedTransaction> ReadAlerts() => Read(Topics.Alerts);

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadDeadLetters() => TopicSnapshot.Read(Kafka, Topics.DeadLetter, TestContext.Current.CancellationToken);

    /// <summary>"Record_Id: rule, rule" per expected flagged transaction, sorted: the shape every sink is compared in.</summary>
    public static List<string> Expected(DataSet data) =>
        Lines(data.Transactions.Where(t => t.Label.ExpectFlagged).Select(t => (ProcessedTransaction.RecordIdOf(t.Transaction), t.Label.ExpectedRuleIds)));

    public static List<string> Lines(IEnumerable<AuditItem> items) => Lines(items.Select(i => (i.RecordId, (IReadOnlyList<string>)i.Reasons.Select(r => r.RuleId).ToList())));

    public static List<string> Lines(IEnumerable<ProcessedTransaction> records) =>
        Lines(records.Select(r => (r.RecordId, (IReadOnlyList<string>)r.Reasons.Select(x => x.RuleId).ToList())));

    private static List<string> Lines(IEnumerable<(string RecordId, IReadOnlyList<string> Rules)> entries) =>
        entries.Select(e => $"{e.RecordId}: {string.Join(", ", e.Rules.Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal).ToList();

    private IReadOnlyList<ProcessedTransaction> Read(string topic) =>
        TopicSnapshot.Read(Kafka, topic, TestContext.Current.CancellationToken)
            .Select(r =>
            {
                var record = FraudJson.Deserialize<ProcessedTransaction>(r.Message.Value);
                Assert.True(r.Message.Headers.TryGetLastBytes(RejectedRecord.RecordIdHeader, out var id));
                Assert.Equal(record.RecordId, Encoding.UTF8.GetString(id));
                Assert.Equal(record.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(r.Message.Key!));
                return record;
            })
            .ToList();

    public sealed record DataSet(IReadOnlyList<LabelledTransaction> Transactions, IReadOnlyList<FlaggedAccount> Flags);
}
