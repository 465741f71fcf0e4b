using FraudDetection.Model;

namespace FraudDetection.Streaming;

/// <summary>Callbacks of an in-process <see cref="FraudProcessor"/> (notebooks, the benchmark). Called on the processor's thread: keep them short.</summary>
public sealed class ProcessorHooks
{
    /// <summary>
    /// Every transaction's decision (approve included), once its micro-batch is acknowledged by both sinks and its
    /// offsets are committed: the moment a verdict is final. The benchmark measures creation-to-verdict here from
    /// <see cref="Transaction.CreatedAt"/>.
    /// </summary>
    public Action<Decision>? OnDecision { get; init; }
}
