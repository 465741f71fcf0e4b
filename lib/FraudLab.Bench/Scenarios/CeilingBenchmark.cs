using System.Diagnostics;
using Confluent.Kafka;
using FraudDetection.Model;
using FraudDetection.Streaming;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// The ceiling: on the same broker and a topic filled with the same events, how fast a bare Confluent.Kafka
/// consumer (same consumer settings as the processor, doing nothing with the messages) reads them, and how fast
/// the processor decides them when it catches up on the same backlog. The ratio says how much of the client's
/// own speed the processor keeps; both timings start at the first message/decision, so group joins are excluded.
/// </summary>
public static class CeilingBenchmark
{
    public const double TargetRatio = 0.8;

    public static async Task<CeilingResult> RunAsync(BenchStack stack, Transaction[] templates, int events, CancellationToken cancellationToken, IProgress<string>? progress = null)
    {
        var configuration = stack.ConfigurationFor("ceiling");
        var settings = ProcessorSettings.From(configuration);
        var factory = new KafkaClientFactory(settings.Kafka);
        int partitions;
        using (var admin = new TopicAdmin(factory))
        {
            await admin.EnsureTopicsAsync(settings.Topics, cancellationToken).ConfigureAwait(false);
            partitions = (await admin.ListTopicsAsync(cancellationToken).ConfigureAwait(false)).Single(t => t.Name == settings.Topics.Transactions).Partitions;
        }

        progress?.Report($"filling {settings.Topics.Transactions} with {events:N0} events");
        new PacedProducer(factory, settings.Topics.Transactions, templates).SendUnpaced(0, events, cancellationToken);

        progress?.Report("bare consumer reading them");
        var bare = BacklogReader.ReadRate(
            factory.ConsumerConfig("bench-ceiling", "bench-ceiling-" + Guid.NewGuid().ToString("N")), settings.Topics.Transactions, partitions, events, cancellationToken);
        progress?.Report("processor catching up on them");
        var processor = await ProcessorCatchUpAsync(settings, events, cancellationToken).ConfigureAwait(false);
        return new CeilingResult(events, bare, processor);
    }

    private static async Task<double> ProcessorCatchUpAsync(ProcessorSettings settings, int events, CancellationToken cancellationToken)
    {
        long decided = 0;
        long started = 0;
        var hooks = new ProcessorHooks
        {
            OnDecision = _ =>
            {
                if (Interlocked.Increment(ref decided) == 1)
                {
                    Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
                }
            },
        };
        var processorSettings = settings with { Processor = new ProcessorOptions { GroupId = "bench-catch-up", FromBeginning = true } };
        using var processor = new FraudProcessor(processorSettings, hooks);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = processor.RunAsync(stop.Token);
        var done = await EndToEndBenchmark.WaitForAsync(() => Interlocked.Read(ref decided) >= events, TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(Interlocked.Read(ref started));
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        if (!done)
        {
            throw new TimeoutException($"processor decided {Interlocked.Read(ref decided)} of {events} events within 3 minutes");
        }

        return events / elapsed.TotalSeconds;
    }
}

/// <summary>Events/s of the bare consumer and of the processor over the same backlog.</summary>
public sealed record CeilingResult(int Events, double BareConsumerRate, double ProcessorRate)
{
    public double Ratio => BareConsumerRate <= 0 ? 0 : ProcessorRate / BareConsumerRate;
}
