using System.Globalization;
using FraudDetection.Model;
using Plotly.NET;

namespace FraudDetection.Charts;

/// <summary>Impossible-travel pairs on a world map: a line from the last known location to the flagged one.</summary>
public static class TravelMapChart
{
    public const string Name = "impossible-travel";

    /// <summary>One line with two markers per pair (so 2 × pairs points); an empty map when there are none.</summary>
    public static FraudChart Build(IReadOnlyList<TravelPair> pairs)
    {
        var lines = pairs.Select(pair => Plotly.NET.CSharp.Chart.LineGeo<double, double, string>(
            longitudes: [pair.From.Longitude!.Value, pair.To.Longitude!.Value],
            latitudes: [pair.From.Latitude!.Value, pair.To.Latitude!.Value],
            ShowMarkers: true,
            Name: $"{pair.AccountId}",
            ShowLegend: false,
            MultiText: new[] { Describe(pair, pair.From, "from"), Describe(pair, pair.To, "to") },
            LineColor: Color.fromHex("#d62728"),
            MarkerColor: Color.fromHex("#d62728")))
            .ToList();
        var title = $"Impossible travel: {pairs.Count} pair(s)";
        var plot = (lines.Count == 0 ? EmptyGeo() : Plotly.NET.CSharp.Chart.Combine(lines))
            .WithLayoutValue("geo", new Dictionary<string, object>
            {
                ["scope"] = "world",
                ["resolution"] = 110,
                ["projection"] = new Dictionary<string, object> { ["type"] = "natural earth" },
                ["showcountries"] = true,
                ["showland"] = true,
                ["landcolor"] = "#f2efe9",
                ["showocean"] = true,
                ["oceancolor"] = "#dbe9f4",
            })
            .WithKitStyle(title, height: 520);
        return new FraudChart(Name, title, plot, IsMap: true);
    }

    private static string Describe(TravelPair pair, Transaction at, string end) =>
        string.Create(CultureInfo.InvariantCulture, $"{pair.AccountId} {end} {at.City ?? "?"}, {at.Country ?? "?"} at {at.TransactionDate:u} ({pair.SpeedKmh:0} km/h)");

    // An invisible geo trace so the map (and its outline) is drawn even with no pairs.
    private static GenericChart EmptyGeo() =>
        Plotly.NET.CSharp.Chart.PointGeo<double, double, string>(longitudes: Array.Empty<double>(), latitudes: Array.Empty<double>(), Name: "none", ShowLegend: false);
}
