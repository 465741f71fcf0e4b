using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace FraudLab.Broker.Tests;

/// <summary>Behaviour of the kit's broker itself: restarts, crash recovery, ports.</summary>
public sealed class KafkaBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProducerAndAssignedConsumerRoundTrip()
    {
        await using var broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, InMemory = true }, ct: Ct);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        for (var i = 0; i < 10; i++)
            await producer.ProduceAsync("round-trip", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }, Ct);

        using var consumer = NewConsumer(broker.BootstrapServers, "unused");
        consumer.Assign(new TopicPartitionOffset("round-trip", 0, Offset.Beginning));
        var values = new List<string>();
        while (values.Count < 10) values.Add(Encoding.UTF8.GetString(consumer.Consume(Ct).Message.Value));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), values);
    }

    [Fact]
    public async Task ARestartKeepsTopicsDataAndCommittedOffsets()
    {
        using var data = new TempDirectory();
        var options = new BrokerOptions { Port = 0, DataDirectory = data.Path };
        await using (var broker = await KafkaBroker.StartAsync(options, ct: Ct))
        {
            await CreateTopicAsync(broker, "kept", partitions: 2, segmentBytes: 4096);
            await ProduceAsync(broker, "kept", 0, 200);
            using var consumer = NewConsumer(broker.BootstrapServers, "keeper");
            consumer.Assign([new TopicPartitionOffset("kept", 0, Offset.Beginning), new TopicPartitionOffset("kept", 1, Offset.Beginning)]);
            for (var i = 0; i < 120; i++) consumer.Commit(consumer.Consume(Ct));
        }

        await using var restarted = await KafkaBroker.StartAsync(options, ct: Ct);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = restarted.BootstrapServers }).Build();
        Assert.Equal(2, admin.GetMetadata("kept", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count);
        var configs = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "kept" }]);
        Assert.Equal("4096", configs.Single().Entries["segment.bytes"].Value);

        using var resumed = NewConsumer(restarted.BootstrapServers, "keeper");
        var committed = resumed.Committed([new TopicPartition("kept", 0), new TopicPartition("kept", 1)], TimeSpan.FromSeconds(10));
        Assert.Equal(120, committed.Sum(c => c.Offset.Value));
        resumed.Assign(committed);
        var rest = Enumerable.Range(0, 80).Select(_ => Encoding.UTF8.GetString(resumed.Consume(Ct).Message.Value)).ToList();
        using var fromStart = NewConsumer(restarted.BootstrapServers, "reader");
        fromStart.Assign([new TopicPartitionOffset("kept", 0, Offset.Beginning), new TopicPartitionOffset("kept", 1, Offset.Beginning)]);
        var all = Enumerable.Range(0, 200).Select(_ => Encoding.UTF8.GetString(fromStart.Consume(Ct).Message.Value)).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString()).Order(), all.Order());
        Assert.Equal(80, rest.Distinct().Count());
    }

    [Fact]
    public async Task ATornTailIsCutOnStartAndEverythingBeforeItIsServed()
    {
        using var data = new TempDirectory();
        var options = new BrokerOptions { Port = 0, DataDirectory = data.Path };
        await using (var broker = await KafkaBroker.StartAsync(options, ct: Ct))
            await ProduceAsync(broker, "torn", 0, 10); // one batch per message: each is awaited

        // What a kill -9 in the middle of a write leaves: the last batch cut short.
        var segment = Directory.GetFiles(Path.Combine(data.Path, "topics", "torn", "0"), "*.log").Single();
        using (var file = File.Open(segment, FileMode.Open)) file.SetLength(file.Length - 7);

        await using (var restarted = await KafkaBroker.StartAsync(options, ct: Ct))
        {
            Assert.Equal(Enumerable.Range(0, 9).Select(i => i.ToString()), ReadAll(restarted, "torn", 9));
            await ProduceAsync(restarted, "torn", 100, 1);
            Assert.Equal("100", ReadAll(restarted, "torn", 10)[9]);
        }

        // A flipped byte inside the last batch fails its CRC and is cut the same way.
        var bytes = File.ReadAllBytes(segment);
        bytes[^3] ^= 0xff;
        File.WriteAllBytes(segment, bytes);
        await using var again = await KafkaBroker.StartAsync(options, ct: Ct);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i.ToString()), ReadAll(again, "torn", 9));
        using var consumer = NewConsumer(again.BootstrapServers, "unused");
        Assert.Equal(9, consumer.QueryWatermarkOffsets(new TopicPartition("torn", 0), TimeSpan.FromSeconds(10)).High.Value);
    }

    [Fact(Timeout = 120_000)]
    public async Task ARestartOnTheSamePortMidStreamLosesAndDuplicatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var options = new BrokerOptions { Port = FreePort(), DataDirectory = data.Path };
        var broker = await KafkaBroker.StartAsync(options, ct: ct);
        await CreateTopicAsync(broker, "restarted", partitions: 1);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers, EnableIdempotence = true, LingerMs = 5, ReconnectBackoffMaxMs = 100,
        }).Build();
        var failures = new ConcurrentQueue<string>();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                producer.Produce("restarted", new Message<Null, string> { Value = i.ToString() },
                    report => { if (report.Error.IsError) failures.Enqueue(report.Error.Reason); });
                if (i % 100 == 0) await Task.Delay(10, ct);
            }
        }, ct);
        await Task.Delay(50, ct);
        await broker.StopAsync();
        broker = await KafkaBroker.StartAsync(options, ct: ct);
        await sending;
        producer.Flush(ct);
        await using (broker)
        {
            Assert.Empty(failures);
            var values = ReadAll(broker, "restarted", 2000);
            Assert.Equal(Enumerable.Range(0, 2000).Select(i => i.ToString()), values);
            using var consumer = NewConsumer(broker.BootstrapServers, "unused");
            Assert.Equal(2000, consumer.QueryWatermarkOffsets(new TopicPartition("restarted", 0), TimeSpan.FromSeconds(10)).High.Value);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task AConsumerGroupAcrossARestartNeverGetsACommittedMessageAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var options = new BrokerOptions { Port = FreePort(), DataDirectory = data.Path };
        var broker = await KafkaBroker.StartAsync(options, ct: ct);
        await CreateTopicAsync(broker, "group-restart", partitions: 2);
        var received = new ConcurrentQueue<(int Partition, long Offset)>();
        var committed = new ConcurrentQueue<(int Partition, long Offset)>();
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers, GroupId = "survivor", EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest, HeartbeatIntervalMs = 250, ReconnectBackoffMaxMs = 100,
        }).Build();
        using (var member = new Conformance.GroupMember(consumer, "group-restart", received, committed))
        {
            await ProduceAsync(broker, "group-restart", 0, 100);
            while (received.Count < 50) await Task.Delay(10, ct);
            await broker.StopAsync();
            broker = await KafkaBroker.StartAsync(options, ct: ct);
            await ProduceAsync(broker, "group-restart", 100, 100);
            // Done when all 200 arrived and the last message of each partition is committed (so is every earlier position).
            while (received.Distinct().Count() < 200
                || received.GroupBy(r => r.Partition).Any(p => !committed.Contains(p.MaxBy(r => r.Offset))))
            {
                Assert.Null(member.Failure);
                await Task.Delay(10, ct);
            }
        }
        await broker.DisposeAsync();

        Assert.Equal(200, received.Distinct().Count());
        Assert.Equal(committed.Count, committed.Distinct().Count()); // a committed position is never delivered and committed twice
    }

    [Fact]
    public async Task ADeletedTopicCreatedAgainStartsEmpty()
    {
        using var data = new TempDirectory();
        await using var broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data.Path }, ct: Ct);
        await CreateTopicAsync(broker, "again", partitions: 1);
        await ProduceAsync(broker, "again", 0, 5);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        await admin.DeleteTopicsAsync(["again"]);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "topics", "again")));

        await CreateTopicAsync(broker, "again", partitions: 1);
        await ProduceAsync(broker, "again", 100, 1);
        Assert.Equal(["100"], ReadAll(broker, "again", 1));
        using var consumer = NewConsumer(broker.BootstrapServers, "unused");
        Assert.Equal(1, consumer.QueryWatermarkOffsets(new TopicPartition("again", 0), TimeSpan.FromSeconds(10)).High.Value);
    }

    [Fact]
    public async Task ADeletedTopicsCommittedOffsetsStayForgottenAfterARestart()
    {
        using var data = new TempDirectory();
        var options = new BrokerOptions { Port = 0, DataDirectory = data.Path };
        var partition = new TopicPartition("forgotten", 0);
        await using (var broker = await KafkaBroker.StartAsync(options, ct: Ct))
        {
            await CreateTopicAsync(broker, "forgotten", partitions: 1);
            using (var consumer = NewConsumer(broker.BootstrapServers, "forgetful"))
                consumer.Commit([new TopicPartitionOffset(partition, 7)]);
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
            await admin.DeleteTopicsAsync(["forgotten"]);
        }

        await using var restarted = await KafkaBroker.StartAsync(options, ct: Ct);
        await CreateTopicAsync(restarted, "forgotten", partitions: 1);
        using var fresh = NewConsumer(restarted.BootstrapServers, "forgetful");
        Assert.Equal(Offset.Unset, fresh.Committed([partition], TimeSpan.FromSeconds(10)).Single().Offset);
    }

    [Fact]
    public async Task ACorruptTopicFileStopsTheStartNamingTheFileAndKeepsTheData()
    {
        using var data = new TempDirectory();
        var options = new BrokerOptions { Port = 0, DataDirectory = data.Path };
        await using (var broker = await KafkaBroker.StartAsync(options, ct: Ct))
            await ProduceAsync(broker, "described", 0, 3);
        var file = Path.Combine(data.Path, "topics", "described", "topic.json");
        var original = await File.ReadAllTextAsync(file, Ct);
        await File.WriteAllTextAsync(file, "{ not json", Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => KafkaBroker.StartAsync(options, ct: Ct));
        Assert.Contains(file, error.Message);

        await File.WriteAllTextAsync(file, original, Ct);
        await using var repaired = await KafkaBroker.StartAsync(options, ct: Ct);
        Assert.Equal(["0", "1", "2"], ReadAll(repaired, "described", 3));
    }

    [Fact]
    public async Task AnInMemoryBrokerBindsAFreePortAndCompletesWhenStopped()
    {
        await using var broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, InMemory = true }, ct: Ct);
        Assert.Equal($"127.0.0.1:{broker.Endpoint.Port}", broker.BootstrapServers);
        Assert.NotEqual(0, broker.Endpoint.Port);
        await broker.StopAsync();
        Assert.True(broker.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ASecondBrokerCannotTakeTheSamePortOrDataDirectory()
    {
        using var data = new TempDirectory();
        await using var first = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data.Path }, ct: Ct);

        var samePort = await Assert.ThrowsAsync<SocketException>(() =>
            KafkaBroker.StartAsync(new BrokerOptions { Port = first.Endpoint.Port, InMemory = true }, ct: Ct));
        Assert.Equal(SocketError.AddressAlreadyInUse, samePort.SocketErrorCode);
        var sameDirectory = await Assert.ThrowsAsync<IOException>(() =>
            KafkaBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data.Path }, ct: Ct));
        Assert.Contains("in use by another broker", sameDirectory.Message);

        await first.StopAsync();
        await using var next = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data.Path }, ct: Ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IConsumer<byte[], byte[]> NewConsumer(string bootstrap, string group) =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = group, EnableAutoCommit = false, AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();

    private static async Task CreateTopicAsync(KafkaBroker broker, string topic, int partitions, int? segmentBytes = null)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = topic, NumPartitions = partitions, ReplicationFactor = 1,
            Configs = segmentBytes is null ? null : new Dictionary<string, string> { ["segment.bytes"] = segmentBytes.Value.ToString() },
        }]);
    }

    private static async Task ProduceAsync(KafkaBroker broker, string topic, int first, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        for (var i = first; i < first + count; i++)
            await producer.ProduceAsync(topic, new Message<Null, string> { Value = i.ToString() }, Ct);
    }

    private static List<string> ReadAll(KafkaBroker broker, string topic, int count)
    {
        using var consumer = NewConsumer(broker.BootstrapServers, "unused");
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        return Enumerable.Range(0, count).Select(_ => Encoding.UTF8.GetString(consumer.Consume(Ct).Message.Value)).ToList();
    }
}
