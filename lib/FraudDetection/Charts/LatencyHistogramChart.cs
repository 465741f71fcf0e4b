using FraudDetection.Model;
using Plotly.NET.CSharp;

namespace FraudDetection.Charts;

/// <summary>
/// End-to-end latency (generator's <c>Created_At</c> to the processor's verdict) as a histogram. The bins are
/// computed here rather than by plotly.js so the bars are known exactly: one per non-empty bin.
/// </summary>
public static class LatencyHistogramChart
{
    public const string Name = "latency";

    /// <summary>Histogram of <see cref="LatencyStats.EndToEnd"/> for the records that carry a creation time.</summary>
    public static FraudChart Build(IEnumerable<ProcessedTransaction> processed, int maxBins = 40) =>
        Build(LatencyStats.EndToEnd(processed).ToList(), maxBins);

    /// <summary>At most <paramref name="maxBins"/> bins of a 1-2-5 width in milliseconds; empty bins have no bar.</summary>
    public static FraudChart Build(IReadOnlyList<TimeSpan> latencies, int maxBins = 40)
    {
        var milliseconds = latencies.Select(l => Math.Max(0, l.TotalMilliseconds)).ToList();
        var width = BinWidth(milliseconds.Count == 0 ? 1 : milliseconds.Max(), maxBins);
        var bins = milliseconds
            .GroupBy(ms => Math.Floor(ms / width) * width)
            .OrderBy(g => g.Key)
            .Select(g => (Start: g.Key, Count: g.Count()))
            .ToList();
        var stats = LatencyStats.From(latencies);
        var title = $"End-to-end latency ({stats})";
        var plot = Chart.Column<double, double, string>(
                values: bins.Select(b => (double)b.Count),
                Keys: bins.Select(b => b.Start + (width / 2)).ToArray(),
                Name: "Transactions",
                ShowLegend: false,
                Width: width)
            .WithXAxisStyle<string, string, string>(TitleText: $"Latency (ms, {width:0.###} ms bins)")
            .WithYAxisStyle<string, string, string>(TitleText: "Transactions")
            .WithKitStyle(title);
        return new FraudChart(Name, title, plot);
    }

    /// <summary>The smallest 1, 2 or 5 × 10^k milliseconds that covers [0, max] in at most <paramref name="maxBins"/> bins.</summary>
    internal static double BinWidth(double max, int maxBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        for (var magnitude = 0.001; ; magnitude *= 10)
        {
            foreach (var step in new[] { 1.0, 2.0, 5.0 })
            {
                var width = step * magnitude;
                if (Math.Floor(max / width) + 1 <= maxBins)
                {
                    return width;
                }
            }
        }
    }
}
