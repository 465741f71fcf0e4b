namespace FraudLab.Bench.Reporting;

/// <summary>A whole benchmark run: when, where, how (quick or full) and every result.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string Profile,
    MachineInfo Machine,
    IReadOnlyList<BenchResult> Results);
