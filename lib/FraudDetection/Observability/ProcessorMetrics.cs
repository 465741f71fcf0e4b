using System.Diagnostics.Metrics;

namespace FraudDetection.Observability;

/// <summary>
/// The processor's instruments (meter <c>FraudLab.Processor</c>): events in, flagged, dead-lettered, rule errors,
/// audit writes, consumer lag and end-to-end latency (transaction creation to verdict). Also keeps running totals
/// so an in-process host (a notebook, the CLI's status line) can read <see cref="Snapshot"/> without a listener.
/// Thread-safe; one instance per processor.
/// </summary>
public sealed class ProcessorMetrics : IDisposable
{
    public const string MeterName = "FraudLab.Processor";

    private readonly Meter _meter;
    private readonly Counter<long> _eventsIn;
    private readonly Counter<long> _flagged;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _ruleErrors;
    private readonly Counter<long> _auditWrites;
    private readonly Histogram<double> _latency;
    private Func<long> _lag = static () => 0;
    private long _eventsInTotal;
    private long _flaggedTotal;
    private long _blockedTotal;
    private long _deadLetteredTotal;
    private long _ruleErrorsTotal;
    private long _auditWritesTotal;
    private long _sinkRetriesTotal;
    private long _sinkTimeoutsTotal;

    public ProcessorMetrics(string instance)
    {
        _meter = new Meter(MeterName);
        var tags = new KeyValuePair<string, object?>[] { new("instance", instance) };
        _eventsIn = _meter.CreateCounter<long>("fraudlab.processor.events_in", "{event}", "Records consumed from the input topics", tags);
        _flagged = _meter.CreateCounter<long>("fraudlab.processor.flagged", "{transaction}", "Transactions with a review or block verdict", tags);
        _deadLettered = _meter.CreateCounter<long>("fraudlab.processor.dead_lettered", "{record}", "Malformed or schema-invalid records sent to the dead-letter topic", tags);
        _ruleErrors = _meter.CreateCounter<long>("fraudlab.processor.rule_errors", "{rule}", "Rules rejected to the rule-errors topic", tags);
        _auditWrites = _meter.CreateCounter<long>("fraudlab.processor.audit_writes", "{item}", "Audit items acknowledged by DynamoDB", tags);
        _latency = _meter.CreateHistogram<double>("fraudlab.processor.end_to_end_latency", "ms", "Transaction Created_At to verdict", tags);
        _meter.CreateObservableGauge("fraudlab.processor.lag", () => _lag(), "{record}", "Records behind the high watermark on the assigned transaction partitions", tags);
    }

    /// <summary>Where the lag gauge reads its value (the consumer sets it once it knows its partitions).</summary>
    public void ObserveLag(Func<long> lag) => _lag = lag;

    public void EventsIn(string topic, long count)
    {
        Interlocked.Add(ref _eventsInTotal, count);
        _eventsIn.Add(count, new KeyValuePair<string, object?>("topic", topic));
    }

    public void Flagged(string verdict, bool blocked)
    {
        Interlocked.Increment(ref _flaggedTotal);
        if (blocked)
        {
            Interlocked.Increment(ref _blockedTotal);
        }

        _flagged.Add(1, new KeyValuePair<string, object?>("verdict", verdict));
    }

    public void DeadLettered(string topic)
    {
        Interlocked.Increment(ref _deadLetteredTotal);
        _deadLettered.Add(1, new KeyValuePair<string, object?>("topic", topic));
    }

    public void RuleRejected()
    {
        Interlocked.Increment(ref _ruleErrorsTotal);
        _ruleErrors.Add(1);
    }

    public void AuditWritten(long count)
    {
        Interlocked.Add(ref _auditWritesTotal, count);
        _auditWrites.Add(count);
    }

    /// <summary>A sink call failed and is retried; <paramref name="timedOut"/> when it failed by not answering within the sink timeout.</summary>
    public void SinkRetried(bool timedOut = false)
    {
        Interlocked.Increment(ref _sinkRetriesTotal);
        if (timedOut)
        {
            Interlocked.Increment(ref _sinkTimeoutsTotal);
        }
    }

    public void Latency(TimeSpan endToEnd) => _latency.Record(endToEnd.TotalMilliseconds);

    public ProcessorStats Snapshot() => new(
        Interlocked.Read(ref _eventsInTotal),
        Interlocked.Read(ref _flaggedTotal),
        Interlocked.Read(ref _blockedTotal),
        Interlocked.Read(ref _deadLetteredTotal),
        Interlocked.Read(ref _ruleErrorsTotal),
        Interlocked.Read(ref _auditWritesTotal),
        Interlocked.Read(ref _sinkRetriesTotal),
        _lag(),
        Interlocked.Read(ref _sinkTimeoutsTotal));

    public void Dispose() => _meter.Dispose();
}
