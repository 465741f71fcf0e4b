using FraudDetection.Model;
using Plotly.NET.CSharp;

namespace FraudDetection.Charts;

/// <summary>Flagged transactions per time bucket (event time), one stacked bar series per verdict.</summary>
public static class FlaggedOverTimeChart
{
    public const string Name = "flagged-over-time";

    /// <summary>One bar per (verdict, bucket) that holds at least one flagged transaction; approved records are ignored.</summary>
    /// <param name="processed">Output records, e.g. read from <c>Processed_topic</c>.</param>
    /// <param name="bucket">Bucket width; default <see cref="TimeBucket.WidthFor"/> the records' time span.</param>
    public static FraudChart Build(IEnumerable<ProcessedTransaction> processed, TimeSpan? bucket = null)
    {
        var flagged = processed.Where(p => p.Verdict != Verdict.Approve).ToList();
        var width = bucket ?? (flagged.Count == 0 ? TimeSpan.FromMinutes(1) : TimeBucket.WidthFor(flagged.Max(p => p.EventTime) - flagged.Min(p => p.EventTime)));
        // Both flagged verdicts always get a series (possibly empty): stable legend and colours across runs.
        var series = new[] { Verdict.Review, Verdict.Block }.Select(verdict =>
        {
            var counts = flagged
                .Where(p => p.Verdict == verdict)
                .GroupBy(p => TimeBucket.Floor(p.EventTime, width))
                .OrderBy(g => g.Key)
                .ToList();
            return Chart.StackedColumn<int, DateTime, string>(
                values: counts.Select(c => c.Count()),
                Keys: counts.Select(c => c.Key.UtcDateTime).ToArray(),
                Name: VerdictColors.Label(verdict),
                MarkerColor: VerdictColors.Of(verdict));
        });

        var title = $"Flagged transactions over time by verdict ({width.TotalSeconds:0} s buckets)";
        var plot = Chart.Combine(series)
            .WithXAxisStyle<string, string, string>(TitleText: "Event time (UTC)")
            .WithYAxisStyle<string, string, string>(TitleText: "Flagged transactions")
            .WithLayoutValue("barmode", "stack")
            .WithKitStyle(title);
        return new FraudChart(Name, title, plot);
    }
}
