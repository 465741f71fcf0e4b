using FraudDetection.Model;

namespace FraudDetection.Streaming;

/// <summary>Callbacks of an in-process <see cref="FraudProcessor"/> (notebooks, the benchmark, tests). Called on the processor's threads: keep them short.</summary>
public sealed class ProcessorHooks
{
    /// <summary>
    /// Every transaction's decision (approve included), once Kafka has acknowledged its micro-batch's outputs
    /// (<c>Processed_topic</c>, <c>Fraud_alerts</c>, dead letters): the moment a verdict is out. The audit write and
    /// the offset commit follow without holding it. The benchmark measures creation-to-verdict here from
    /// <see cref="Transaction.CreatedAt"/>.
    /// </summary>
    public Action<Decision>? OnDecision { get; init; }

    /// <summary>A micro-batch's flagged records once DynamoDB acknowledged their audit items (its offsets are stored for the next commit).</summary>
    public Action<IReadOnlyList<ProcessedTransaction>>? OnAudited { get; init; }

    /// <summary>
    /// Awaited before a micro-batch's audit write starts (on a thread-pool thread, never the processor's loop); lets
    /// a test hold the audit sink back and watch the verdicts go out regardless.
    /// </summary>
    public Func<IReadOnlyList<ProcessedTransaction>, CancellationToken, Task>? BeforeAuditWrite { get; init; }
}
