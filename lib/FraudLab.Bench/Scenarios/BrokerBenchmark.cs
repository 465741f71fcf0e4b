using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FraudLab.Bench.Measurement;
using FraudLab.Bench.Reporting;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// The kit's broker on its own (a separate process, as <c>fraudlab local up</c> runs it), measured with plain
/// Confluent.Kafka clients and ~200-byte messages:
/// <list type="bullet">
/// <item>produce: one producer with librdkafka's default batching, from the first send to the last acknowledgement;</item>
/// <item>fetch: one consumer reading the same messages back, from the first message to the last;</item>
/// <item>produce to consume latency at a fixed 10k msg/s with DEFAULT client settings (fetch.wait.max.ms 500): each
/// message carries its scheduled send time, so only a broker that answers waiting fetches as soon as data arrives
/// can keep p99 in single-digit milliseconds.</item>
/// </list>
/// </summary>
public static class BrokerBenchmark
{
    public const int MessageBytes = 200;
    public const double TargetProduceRate = 300_000;
    public const double TargetFetchRate = 500_000;
    public const double TargetP99Ms = 5;
    public const double LatencyRate = 10_000;
    private const int Partitions = 4;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string bootstrapServers, int messages, TimeSpan latencyDuration, CancellationToken cancellationToken)
    {
        var topic = await CreateTopicAsync(bootstrapServers, "broker_bench_throughput", cancellationToken).ConfigureAwait(false);
        var produceRate = Produce(bootstrapServers, topic, messages, cancellationToken);
        var fetchRate = BacklogReader.ReadRate(NewConsumerConfig(bootstrapServers), topic, Partitions, messages, cancellationToken);

        var latencyTopic = await CreateTopicAsync(bootstrapServers, "broker_bench_latency", cancellationToken).ConfigureAwait(false);
        var latency = Latency(bootstrapServers, latencyTopic, latencyDuration, cancellationToken);

        var settings = new Dictionary<string, string>
        {
            ["messages"] = messages.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["message bytes"] = MessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["clients"] = "Confluent.Kafka defaults (librdkafka batching), broker in its own process, file storage off (in memory)",
        };
        return
        [
            new BenchResult("broker: produce, one producer", produceRate, "msg/s", TargetProduceRate, Settings: settings),
            new BenchResult("broker: fetch, one consumer", fetchRate, "msg/s", TargetFetchRate, Settings: settings,
                Notes: fetchRate < TargetFetchRate ? "one librdkafka consumer on a 2-core machine shared with the broker; the client is the limit (see lib/FraudLab.Broker/README.md)" : null),
            new BenchResult("broker: produce to consume at 10k msg/s, default client settings (p99)", latency.P99Ms, "ms", TargetP99Ms, HigherIsBetter: false, Latency: latency,
                Settings: new Dictionary<string, string> { ["rate"] = "10000", ["fetch.wait.max.ms"] = "500 (default)", ["duration s"] = latencyDuration.TotalSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) }),
        ];
    }

    /// <summary>Default consumer settings, a fresh group, nothing committed.</summary>
    private static ConsumerConfig NewConsumerConfig(string bootstrapServers) =>
        new() { BootstrapServers = bootstrapServers, GroupId = "broker-bench-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };

    private static async Task<string> CreateTopicAsync(string bootstrapServers, string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = Partitions, ReplicationFactor = 1 }]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return name;
    }

    private static double Produce(string bootstrapServers, string topic, int messages, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        var payload = new byte[MessageBytes];
        Random.Shared.NextBytes(payload);
        var failed = 0;
        Action<DeliveryReport<Null, byte[]>> onDelivery = r =>
        {
            if (r.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        };

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages && !cancellationToken.IsCancellationRequested; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<Null, byte[]> { Value = payload }, onDelivery);
                    break;
                }
                catch (ProduceException<Null, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(1));
                }
            }
        }

        producer.Flush(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {messages} messages were not acknowledged by the broker");
        }

        return messages / elapsed.TotalSeconds;
    }

    private static LatencySummary Latency(string bootstrapServers, string topic, TimeSpan duration, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var count = (long)(LatencyRate * duration.TotalSeconds);
        var received = 0L;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumerReady = new ManualResetEventSlim();
        var consumer = Task.Factory.StartNew(
            () =>
            {
                using var c = new ConsumerBuilder<Ignore, byte[]>(NewConsumerConfig(bootstrapServers)).Build();
                c.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
                consumerReady.Set();
                while (Interlocked.Read(ref received) < count && !stop.IsCancellationRequested)
                {
                    var result = c.Consume(TimeSpan.FromMilliseconds(100));
                    if (result?.Message?.Value is { Length: >= 8 } value)
                    {
                        var due = BinaryPrimitives.ReadInt64LittleEndian(value);
                        recorder.Record(Stopwatch.GetElapsedTime(due));
                        Interlocked.Increment(ref received);
                    }
                }
            },
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        consumerReady.Wait(cancellationToken);
        using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build())
        {
            // Let the consumer's first fetches reach the broker so they wait there, as in steady state.
            Thread.Sleep(1_000);
            var schedule = new FixedRateSchedule(LatencyRate, Stopwatch.GetTimestamp(), Stopwatch.Frequency);
            for (var i = 0L; i < count && !cancellationToken.IsCancellationRequested;)
            {
                var due = Math.Min(count, schedule.DueCount(Stopwatch.GetTimestamp()));
                for (; i < due; i++)
                {
                    var value = new byte[MessageBytes];
                    BinaryPrimitives.WriteInt64LittleEndian(value, schedule.DueTimestamp(i));
                    producer.Produce(topic, new Message<Null, byte[]> { Value = value });
                }

                if (i < count)
                {
                    Thread.Sleep(1);
                }
            }

            producer.Flush(cancellationToken);
        }

        if (!consumer.Wait(TimeSpan.FromSeconds(30), cancellationToken))
        {
            stop.Cancel();
            throw new TimeoutException($"latency consumer got {Interlocked.Read(ref received)} of {count} messages within 30 s after the last send");
        }

        return recorder.Summarize();
    }
}
