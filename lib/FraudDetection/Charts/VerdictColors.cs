using FraudDetection.Model;
using Plotly.NET;

namespace FraudDetection.Charts;

/// <summary>One colour per verdict in every chart, so "block" reads the same everywhere.</summary>
internal static class VerdictColors
{
    public static Color Of(Verdict verdict) => verdict switch
    {
        Verdict.Block => Color.fromHex("#d62728"),
        Verdict.Review => Color.fromHex("#ff7f0e"),
        _ => Color.fromHex("#2ca02c"),
    };

    public static string Label(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
