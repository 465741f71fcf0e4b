using System.Text.RegularExpressions;
using FraudDetection.Charts;
using FraudDetection.Configuration;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly GeoBaseMap Outline = GeoBaseMapTests.Fake();

    [Fact]
    public void A_document_inlines_plotly_once_and_references_nothing_outside_itself()
    {
        var document = new ChartRenderer(Outline).Document(TopAccountsChart.Build([Processed()]));

        Assert.StartsWith("<!DOCTYPE html>", document);
        Assert.Equal(1, Count(document, PlotlyScript.Element));
        var html = WithoutPlotly(document);
        Assert.DoesNotMatch(new Regex("(src|href)=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("PlotlyGeoAssets", html);
        Assert.Contains("<title>Top 10 accounts by amount flagged</title>", html);
        Assert.Contains("Plotly.newPlot('top-accounts'", html);
    }

    [Fact]
    public void A_map_document_carries_the_world_outline()
    {
        var html = WithoutPlotly(new ChartRenderer(Outline).Document(TravelMapChart.Build([])));

        Assert.Contains("assets.topojson['world_110m']", html);
        Assert.Contains("\"showland\":true", html);
    }

    [Fact]
    public void Without_an_outline_a_map_turns_its_base_layers_off_instead_of_downloading_one()
    {
        var html = WithoutPlotly(new ChartRenderer(baseMap: null).Document(TravelMapChart.Build([])));

        Assert.DoesNotContain("PlotlyGeoAssets", html);
        Assert.Contains("\"showland\":false", html);
        Assert.Contains("\"showcountries\":false", html);
    }

    [Fact]
    public void Text_from_records_cannot_end_the_script_element()
    {
        var hostile = Processed() with { CustomerName = "</script><script>alert(1)</script>" };

        var figure = new ChartRenderer(Outline).Figure(TopAccountsChart.Build([hostile]), "x");

        Assert.Equal(1, Count(figure, "</script>"));
        Assert.Contains("\\u003c/script>\\u003cscript>alert(1)", figure);
    }

    [Fact]
    public void Save_writes_the_document_under_the_charts_name()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fraudlab-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chart = LatencyHistogramChart.Build([Processed()]);

            var path = new ChartRenderer(Outline).Save(chart, folder);

            Assert.Equal(Path.Combine(folder, "latency.html"), path);
            var page = File.ReadAllText(path);
            Assert.Contains(new ChartRenderer(Outline).Figure(chart, chart.Name), page);
            Assert.Contains("<script type=\"text/javascript\" charset=\"utf-8\" src=\"plotly.min.js\"></script>", page);
            Assert.DoesNotContain(PlotlyScript.Source, page);
            Assert.Equal(PlotlyScript.Script, File.ReadAllText(Path.Combine(folder, "plotly.min.js")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Charts_saved_in_one_folder_share_one_plotly_file_and_maps_one_outline_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fraudlab-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var renderer = new ChartRenderer(Outline);
            renderer.Save(LatencyHistogramChart.Build([Processed()]), folder);
            renderer.Save(TopAccountsChart.Build([Processed()]), folder);
            var map = renderer.Save(TravelMapChart.Build([]), folder);

            Assert.Equal(["impossible-travel.html", "latency.html", "plotly.min.js", "top-accounts.html", "world-outline.js"],
                Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Contains("src=\"world-outline.js\"", File.ReadAllText(map));
            Assert.All(Directory.GetFiles(folder, "*.html"), page => Assert.True(new FileInfo(page).Length < 100_000, page));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void For_kit_loads_the_outline_installed_with_the_node_tools()
    {
        var root = Directory.CreateTempSubdirectory("fraudlab-kit-").FullName;
        try
        {
            var paths = new KitPaths(root);
            Assert.Null(ChartRenderer.ForKit(paths).BaseMap);

            Directory.CreateDirectory(Path.GetDirectoryName(GeoBaseMap.PathUnder(paths))!);
            File.WriteAllText(GeoBaseMap.PathUnder(paths), "{\"type\":\"Topology\"}");

            Assert.Equal("{\"type\":\"Topology\"}", ChartRenderer.ForKit(paths).BaseMap?.Topojson);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    internal static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The page without the plotly.js bundle, whose own source mentions src=, href= and PlotlyGeoAssets.</summary>
    internal static string WithoutPlotly(string html) => html.Replace(PlotlyScript.Element, string.Empty, StringComparison.Ordinal);
}
