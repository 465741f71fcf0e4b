using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace FraudLab.Broker.Tests.Conformance;

/// <summary>
/// What any Kafka broker must do for this kit, written once against a bootstrap address and run
/// against the kit's broker (always) and Apache Kafka (when Docker is there). Real clients over TCP.
/// </summary>
public abstract class KafkaConformanceSuite
{
    /// <summary>The broker under test; skips the test when it cannot be reached.</summary>
    protected abstract string BootstrapServers { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NewTopicName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    protected IProducer<byte[]?, byte[]?> NewProducer(Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 1 };
        configure?.Invoke(config);
        return new ProducerBuilder<byte[]?, byte[]?>(config).Build();
    }

    protected IConsumer<byte[]?, byte[]?> NewConsumer(string groupId, Action<ConsumerConfig>? configure = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            // Members learn of a rebalance from their next heartbeat (3 s by default): keep group tests short.
            HeartbeatIntervalMs = 250,
        };
        configure?.Invoke(config);
        return new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
    }

    protected IAdminClient NewAdmin() => new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();

    protected async Task CreateTopicAsync(string topic, int partitions)
    {
        using var admin = NewAdmin();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }

    /// <summary>Reads exactly <paramref name="count"/> messages from the start of the given partitions (no group).</summary>
    protected List<ConsumeResult<byte[]?, byte[]?>> ReadFromStart(string topic, int count, params int[] partitions)
    {
        using var consumer = NewConsumer("assign-only");
        consumer.Assign(partitions.DefaultIfEmpty(0).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        while (results.Count < count)
        {
            var result = consumer.Consume(Ct);
            if (!result.IsPartitionEOF) results.Add(result);
        }
        return results;
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task KeysValuesHeadersAndTimestampsSurviveTheRoundTrip()
    {
        var topic = NewTopicName("headers");
        await CreateTopicAsync(topic, 1);
        using var producer = NewProducer();
        var timestamp = new Timestamp(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var sent = new Message<byte[]?, byte[]?>
        {
            Key = Bytes("account-1"),
            Value = Bytes("{\"amount\":12.5}"),
            Timestamp = timestamp,
            Headers = new Headers { { "trace", Bytes("abc") }, { "empty", [] } },
        };
        var delivery = await producer.ProduceAsync(topic, sent, Ct);
        await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = null, Value = null }, Ct);

        var received = ReadFromStart(topic, 2);
        Assert.Equal(0, delivery.Offset.Value);
        Assert.Equal("account-1", Text(received[0].Message.Key));
        Assert.Equal("{\"amount\":12.5}", Text(received[0].Message.Value));
        Assert.Equal(timestamp.UnixTimestampMs, received[0].Message.Timestamp.UnixTimestampMs);
        Assert.Equal(["trace", "empty"], received[0].Message.Headers.Select(h => h.Key));
        Assert.Equal("abc", Text(received[0].Message.Headers.GetLastBytes("trace")));
        Assert.Null(received[1].Message.Key);
        Assert.Null(received[1].Message.Value);
        Assert.Equal(1, received[1].Offset.Value);
    }

    [Theory]
    [InlineData(CompressionType.None)]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public async Task EveryCompressionCodecRoundTrips(CompressionType codec)
    {
        var topic = NewTopicName($"codec-{codec}".ToLowerInvariant());
        await CreateTopicAsync(topic, 1);
        using var producer = NewProducer(c => { c.CompressionType = codec; c.LingerMs = 20; });
        const int count = 500;
        for (var i = 0; i < count; i++)
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = Bytes($"k{i}"), Value = Bytes($"value {i} {new string('x', i % 50)}") });
        producer.Flush(Ct);

        var received = ReadFromStart(topic, count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"value {i} {new string('x', i % 50)}"), received.Select(r => Text(r.Message.Value)));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), received.Select(r => r.Offset.Value));
    }

    [Fact]
    public async Task IdempotentProducerWritesEachMessageOnceInOrder()
    {
        var topic = NewTopicName("idempotent");
        await CreateTopicAsync(topic, 2);
        using var producer = NewProducer(c => { c.EnableIdempotence = true; c.Acks = Acks.All; });
        const int count = 2000;
        for (var i = 0; i < count; i++)
            producer.Produce(new TopicPartition(topic, i % 2), new Message<byte[]?, byte[]?> { Value = Bytes(i.ToString()) });
        producer.Flush(Ct);

        var received = ReadFromStart(topic, count, 0, 1);
        foreach (var partition in new[] { 0, 1 })
        {
            var values = received.Where(r => r.Partition.Value == partition).Select(r => int.Parse(Text(r.Message.Value))).ToList();
            Assert.Equal(Enumerable.Range(0, count).Where(i => i % 2 == partition), values);
        }
    }

    [Fact]
    public async Task AProducerWithoutAcksIsStillStoredInOrder()
    {
        var topic = NewTopicName("acks0");
        await CreateTopicAsync(topic, 1);
        using (var producer = NewProducer(c => c.Acks = Acks.None))
        {
            for (var i = 0; i < 100; i++) producer.Produce(topic, new Message<byte[]?, byte[]?> { Value = Bytes(i.ToString()) });
            producer.Flush(Ct);
        }
        var received = ReadFromStart(topic, 100);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString()), received.Select(r => Text(r.Message.Value)));
    }

    [Fact]
    public async Task KeyedMessagesKeepTheirOrderWithinEachPartition()
    {
        var topic = NewTopicName("ordering");
        await CreateTopicAsync(topic, 4);
        using var producer = NewProducer();
        const int perKey = 200;
        var keys = Enumerable.Range(0, 8).Select(k => $"account-{k}").ToList();
        for (var i = 0; i < perKey; i++)
            foreach (var key in keys)
                producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = Bytes(key), Value = Bytes(i.ToString()) });
        producer.Flush(Ct);

        var received = ReadFromStart(topic, perKey * keys.Count, 0, 1, 2, 3);
        foreach (var group in received.GroupBy(r => Text(r.Message.Key)))
        {
            Assert.Single(group.Select(r => r.Partition.Value).Distinct());
            Assert.Equal(Enumerable.Range(0, perKey), group.Select(r => int.Parse(Text(r.Message.Value))));
        }
    }

    [Fact]
    public async Task WatermarksOffsetsForTimesAndSeekAgree()
    {
        var topic = NewTopicName("offsets");
        await CreateTopicAsync(topic, 1);
        // One batch of ten records: a timestamp lookup must find the record, not just its batch.
        using var producer = NewProducer(c => c.LingerMs = 200);
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 10; i++)
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Value = Bytes(i.ToString()), Timestamp = new Timestamp(start.AddMinutes(i)) });
        producer.Flush(Ct);

        using var consumer = NewConsumer("seek-only");
        var partition = new TopicPartition(topic, 0);
        var watermarks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
        Assert.Equal(0, watermarks.Low.Value);
        Assert.Equal(10, watermarks.High.Value);

        var byTime = consumer.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(start.AddMinutes(4)))], TimeSpan.FromSeconds(10));
        Assert.Equal(4, byTime[0].Offset.Value);
        var afterAll = consumer.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(start.AddHours(1)))], TimeSpan.FromSeconds(10));
        Assert.Equal(Offset.End, afterAll[0].Offset);

        consumer.Assign(new TopicPartitionOffset(partition, 7));
        Assert.Equal("7", Text(consumer.Consume(Ct).Message.Value));
        consumer.Seek(new TopicPartitionOffset(partition, 2));
        Assert.Equal("2", Text(consumer.Consume(Ct).Message.Value));
    }

    [Fact(Timeout = 60_000)]
    public async Task ALongPollingFetchWakesWhenDataArrives()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopicName("wake");
        await CreateTopicAsync(topic, 1);
        // A fetch may wait 50 s for data; the message must come through long before that, or not at all within 20 s.
        using var consumer = NewConsumer("wake-only", c => { c.FetchWaitMaxMs = 50_000; c.SocketTimeoutMs = 120_000; });
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(300))); // the fetch is now parked on the empty partition
        using var producer = NewProducer();
        await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Value = Bytes("wake up") }, ct);
        var result = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.Equal("wake up", Text(result?.Message.Value));
    }

    [Fact]
    public async Task AdminCreatesDescribesAndDeletesTopics()
    {
        var topic = NewTopicName("admin");
        using var admin = NewAdmin();
        await admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = topic, NumPartitions = 3, ReplicationFactor = 1,
            Configs = new Dictionary<string, string> { ["retention.ms"] = "3600000" },
        }]);

        var duplicate = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = 1 }]));
        Assert.Equal(ErrorCode.TopicAlreadyExists, duplicate.Results[0].Error.Code);
        var badReplication = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = NewTopicName("replicated"), NumPartitions = 1, ReplicationFactor = 3 }]));
        Assert.Equal(ErrorCode.InvalidReplicationFactor, badReplication.Results[0].Error.Code);

        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        Assert.Equal(3, metadata.Topics.Single().Partitions.Count);

        var configs = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = topic }]);
        var entries = configs.Single().Entries;
        Assert.Equal("3600000", entries["retention.ms"].Value);
        Assert.False(entries["retention.ms"].IsDefault);
        Assert.Equal("delete", entries["cleanup.policy"].Value);

        await admin.DeleteTopicsAsync([topic]);
        var deletedAgain = await Assert.ThrowsAsync<DeleteTopicsException>(() => admin.DeleteTopicsAsync([topic]));
        Assert.Equal(ErrorCode.UnknownTopicOrPart, deletedAgain.Results[0].Error.Code);
    }

    [Fact]
    public async Task AdminRefusesIllegalTopicNamesAndConfigs()
    {
        using var admin = NewAdmin();
        var badName = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = "no/slashes", NumPartitions = 1, ReplicationFactor = 1 }]));
        Assert.Equal(ErrorCode.TopicException, badName.Results[0].Error.Code);
        var badConfig = await Assert.ThrowsAsync<CreateTopicsException>(() => admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = NewTopicName("config"), NumPartitions = 1, ReplicationFactor = 1,
            Configs = new Dictionary<string, string> { ["retention.ms"] = "a week" },
        }]));
        Assert.Equal(ErrorCode.InvalidConfig, badConfig.Results[0].Error.Code);
        var badPartitions = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = NewTopicName("partitions"), NumPartitions = 0, ReplicationFactor = 1 }]));
        Assert.Equal(ErrorCode.InvalidPartitions, badPartitions.Results[0].Error.Code);
    }

    [Fact]
    public async Task AdminDescribesTheBroker()
    {
        using var admin = NewAdmin();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var broker = Assert.Single(metadata.Brokers);
        var configs = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Broker, Name = broker.BrokerId.ToString() }]);
        Assert.Contains("log.retention.ms", configs.Single().Entries.Keys);
    }

    [Fact]
    public async Task ATopicDeletedAndRecreatedForgetsItsCommittedOffsets()
    {
        var topic = NewTopicName("recreated");
        var group = NewTopicName("group");
        await CreateTopicAsync(topic, 1);
        var partition = new TopicPartition(topic, 0);
        using (var consumer = NewConsumer(group))
        {
            consumer.Commit([new TopicPartitionOffset(partition, 42)]);
            Assert.Equal(42, consumer.Committed([partition], TimeSpan.FromSeconds(10)).Single().Offset.Value);
        }

        using (var admin = NewAdmin())
            await admin.DeleteTopicsAsync([topic]);
        await CreateTopicAsync(topic, 1);

        using var fresh = NewConsumer(group);
        Assert.Equal(Offset.Unset, fresh.Committed([partition], TimeSpan.FromSeconds(10)).Single().Offset);
    }

    [Fact(Timeout = 120_000)]
    public async Task AConsumerGroupResumesFromItsCommittedOffsetWithoutDuplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopicName("resume");
        var group = NewTopicName("group");
        await CreateTopicAsync(topic, 2);
        ProduceNumbers(topic, 0, 100);
        var received = new ConcurrentQueue<(int Partition, long Offset)>();
        using (var member = new GroupMember(NewConsumer(group), topic, received))
            await WaitUntilAsync(() => received.Count >= 100, ct, member);
        ProduceNumbers(topic, 100, 50);
        using (var member = new GroupMember(NewConsumer(group), topic, received))
            await WaitUntilAsync(() => received.Count >= 150, ct, member);

        Assert.Equal(150, received.Count);
        Assert.Equal(150, received.Distinct().Count());
        using var consumer = NewConsumer(group);
        var committed = consumer.Committed([new TopicPartition(topic, 0), new TopicPartition(topic, 1)], TimeSpan.FromSeconds(10));
        Assert.Equal(150, committed.Sum(c => c.Offset.Value));
    }

    [Fact(Timeout = 120_000)]
    public async Task GroupMembersJoiningAndLeavingShareEveryCommittedMessageExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopicName("members");
        var group = NewTopicName("group");
        const int partitions = 6;
        await CreateTopicAsync(topic, partitions);
        var received = new ConcurrentQueue<(int Partition, long Offset)>();
        var members = Enumerable.Range(0, 3).Select(_ => new GroupMember(NewConsumer(group), topic, received)).ToList();
        try
        {
            await WaitUntilAsync(() => members.All(m => m.AssignedPartitions == 2), ct, [.. members]);
            ProduceNumbers(topic, 0, 300);
            await WaitUntilAsync(() => received.Count >= 300, ct, [.. members]);

            members[0].Dispose();
            members.RemoveAt(0);
            await WaitUntilAsync(() => members.Sum(m => m.AssignedPartitions) == partitions, ct, [.. members]);
            ProduceNumbers(topic, 300, 300);
            await WaitUntilAsync(() => received.Count >= 600, ct, [.. members]);
        }
        finally
        {
            foreach (var member in members) member.Dispose();
        }
        Assert.Equal(600, received.Count);
        Assert.Equal(600, received.Distinct().Count());
    }

    [Fact(Timeout = 120_000)]
    public async Task AdminListsAndDescribesGroups()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopicName("described");
        var group = NewTopicName("group");
        await CreateTopicAsync(topic, 2);
        var received = new ConcurrentQueue<(int Partition, long Offset)>();
        using var member = new GroupMember(NewConsumer(group, c => c.ClientId = "describer"), topic, received);
        await WaitUntilAsync(() => member.AssignedPartitions == 2, ct, member);

        using var admin = NewAdmin();
        var listed = await admin.ListConsumerGroupsAsync();
        Assert.Contains(listed.Valid, g => g.GroupId == group && g.IsSimpleConsumerGroup == false);
        var described = await admin.DescribeConsumerGroupsAsync([group]);
        var description = Assert.Single(described.ConsumerGroupDescriptions);
        Assert.Equal(ConsumerGroupState.Stable, description.State);
        var only = Assert.Single(description.Members);
        Assert.Equal("describer", only.ClientId);
        Assert.Equal(2, only.Assignment.TopicPartitions.Count);
    }

    protected void ProduceNumbers(string topic, int first, int count)
    {
        using var producer = NewProducer();
        for (var i = first; i < first + count; i++)
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = Bytes($"key-{i}"), Value = Bytes(i.ToString()) });
        producer.Flush(Ct);
    }

    /// <summary>Polls a condition (no time assertion: the test timeout only guards against a hang), failing fast if a member failed.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct, params GroupMember[] members)
    {
        while (!condition())
        {
            if (members.FirstOrDefault(m => m.Failure is not null) is { } failed) throw new InvalidOperationException("group member failed", failed.Failure);
            await Task.Delay(20, ct);
        }
    }
}
