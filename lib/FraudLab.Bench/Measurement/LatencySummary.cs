namespace FraudLab.Bench.Measurement;

/// <summary>Latency percentiles in milliseconds over <see cref="Count"/> measured events.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);
}
