namespace FraudDetection.Charts;

/// <summary>Percentiles of a set of latencies (nearest-rank), in milliseconds.</summary>
public sealed record LatencyStats(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencyStats From(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0
            ? new LatencyStats(0, 0, 0, 0, 0)
            : new LatencyStats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>End-to-end latency of each record that carries its creation time: <c>Processed_Time - Created_At</c>.</summary>
    public static IEnumerable<TimeSpan> EndToEnd(IEnumerable<Model.ProcessedTransaction> processed) =>
        processed.Where(p => p.CreatedAt is not null).Select(p => p.ProcessedTime - p.CreatedAt!.Value);

    public override string ToString() => Count == 0
        ? "no latencies"
        : FormattableString.Invariant($"n={Count} p50={P50:0.#} ms p90={P90:0.#} ms p99={P99:0.#} ms max={Max:0.#} ms");

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
