using Confluent.Kafka;
using FraudDetection.Model;
using FraudDetection.Streaming;
using FraudLab.Bench.Measurement;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// End to end on the local stack: the paced producer writes to the transactions topic, the processor (in this
/// process, with its default settings) decides every event, and two latencies are recorded from each event's
/// scheduled creation time:
/// <list type="bullet">
/// <item>creation to verdict, for EVERY event: measured by the processor's <see cref="ProcessorHooks.OnDecision"/>,
/// which fires once Kafka acknowledged the event's micro-batch outputs (the verdict is out);</item>
/// <item>creation to <c>Processed_topic</c>, for the flagged ones: a plain consumer on that topic;</item>
/// <item>creation to audit acknowledged, for the flagged ones: <see cref="ProcessorHooks.OnAudited"/>, after which
/// the batch's offsets may be committed.</item>
/// </list>
/// A warm-up (not measured) lets the consumer group settle and the JIT finish before the clock starts.
/// </summary>
public static class EndToEndBenchmark
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<LatencyPhaseResult> RunPhaseAsync(
        BenchStack stack, string phase, double rate, TimeSpan duration, Transaction[] templates, CancellationToken cancellationToken)
    {
        var configuration = stack.ConfigurationFor(phase);
        var settings = ProcessorSettings.From(configuration);
        var factory = new KafkaClientFactory(settings.Kafka);
        var verdicts = new LatencyRecorder();
        var processed = new LatencyRecorder();
        var audited = new LatencyRecorder();
        var measureFromTicks = long.MaxValue;
        long warmDecided = 0;
        long decided = 0;

        var hooks = new ProcessorHooks
        {
            OnDecision = decision =>
            {
                if (decision.Transaction.CreatedAt is not { } created)
                {
                    return;
                }

                if (created.UtcTicks >= Volatile.Read(ref measureFromTicks))
                {
                    verdicts.Record(DateTimeOffset.UtcNow - created);
                    Interlocked.Increment(ref decided);
                }
                else
                {
                    Interlocked.Increment(ref warmDecided);
                }
            },
            OnAudited = flagged =>
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var output in flagged)
                {
                    if (output.CreatedAt is { } created && created.UtcTicks >= Volatile.Read(ref measureFromTicks))
                    {
                        audited.Record(now - created);
                    }
                }
            },
        };

        using var processor = new FraudProcessor(settings, hooks);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = processor.RunAsync(stop.Token);
        await processor.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);

        var producer = new PacedProducer(factory, settings.Topics.Transactions, templates);
        var watcher = StartProcessedWatcher(factory, settings.Topics.Processed, processed, () => Volatile.Read(ref measureFromTicks), stop.Token);

        // Warm-up: a short burst at a low rate, waited for in full, so partitions are assigned before measuring.
        var warmCount = (long)Math.Min(2_000, Math.Max(200, rate));
        await Task.Run(() => producer.Send(0, warmCount, Math.Min(rate, 2_000), cancellationToken), cancellationToken).ConfigureAwait(false);
        await WaitForAsync(() => Interlocked.Read(ref warmDecided) >= warmCount, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

        var count = (long)(rate * duration.TotalSeconds);
        var started = DateTimeOffset.UtcNow;
        await Task.Factory.StartNew(
            () => producer.Send(warmCount, count, rate, cancellationToken, wallStart => Volatile.Write(ref measureFromTicks, wallStart.UtcTicks)),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        var sendSeconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        var complete = await WaitForAsync(() => Interlocked.Read(ref decided) >= count, DrainTimeout, cancellationToken).ConfigureAwait(false);
        var stats = processor.Stats;

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running, watcher).ConfigureAwait(false);

        return new LatencyPhaseResult(
            rate,
            count / Math.Max(sendSeconds, 1e-9),
            count,
            Interlocked.Read(ref decided),
            verdicts.Summarize(),
            processed.Summarize(),
            audited.Summarize(),
            complete && producer.DeliveryErrors == 0,
            producer.DeliveryErrors,
            stats.DeadLettered);
    }

    private static Task StartProcessedWatcher(
        KafkaClientFactory factory, string topic, LatencyRecorder recorder, Func<long> measureFromTicks, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () =>
            {
                var config = factory.ConsumerConfig("bench-watcher", "bench-watcher-" + Guid.NewGuid().ToString("N"), fromBeginning: false);
                using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
                using (var admin = new TopicAdmin(factory))
                {
                    var partitions = admin.ListTopicsAsync(cancellationToken).GetAwaiter().GetResult().Single(t => t.Name == topic).Partitions;
                    consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.End)));
                }

                while (!cancellationToken.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    if (result?.Message?.Value is not { } value)
                    {
                        continue;
                    }

                    var received = DateTimeOffset.UtcNow;
                    var record = FraudJson.Deserialize<ProcessedTransaction>(value);
                    if (record.CreatedAt is { } created && created.UtcTicks >= measureFromTicks())
                    {
                        recorder.Record(received - created);
                    }
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Polls <paramref name="condition"/> every 10 ms; false when <paramref name="timeout"/> passed first.</summary>
    internal static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}

/// <summary>One rate's outcome: achieved send rate, how many events were decided, both latency summaries.</summary>
public sealed record LatencyPhaseResult(
    double TargetRate,
    double AchievedSendRate,
    long Sent,
    long Decided,
    LatencySummary CreationToVerdict,
    LatencySummary CreationToProcessedTopic,
    LatencySummary CreationToAudited,
    bool Complete,
    long DeliveryErrors,
    long DeadLettered);
