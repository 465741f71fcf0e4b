using FraudLab.Bench.Measurement;

namespace FraudLab.Bench.Reporting;

/// <summary>
/// One measured number with what it is compared against. <see cref="Target"/> and <see cref="HigherIsBetter"/>
/// say what "met" means; <see cref="Notes"/> explain a miss or the method.
/// </summary>
public sealed record BenchResult(
    string Name,
    double Value,
    string Unit,
    double? Target = null,
    bool HigherIsBetter = true,
    LatencySummary? Latency = null,
    IReadOnlyDictionary<string, string>? Settings = null,
    string? Notes = null)
{
    /// <summary>null when there is no target.</summary>
    public bool? TargetMet => Target is null ? null : HigherIsBetter ? Value >= Target : Value <= Target;
}
