using FraudDetection.Charts;
using FraudDetection.Configuration;

namespace FraudDetection.Tests.Charts;

public sealed class GeoBaseMapTests
{
    [Fact]
    public void The_kit_pins_the_outline_plotly_asks_for()
    {
        var paths = KitPaths.Discover();
        var outline = GeoBaseMap.TryLoad(paths);
        if (outline is null)
        {
            Assert.Skip($"node tools not installed (run npm ci): {GeoBaseMap.PathUnder(paths)} is missing");
        }

        using var topology = System.Text.Json.JsonDocument.Parse(outline.Topojson);
        Assert.Equal("Topology", topology.RootElement.GetProperty("type").GetString());
        foreach (var layer in new[] { "land", "countries", "coastlines", "ocean" })
        {
            Assert.True(topology.RootElement.GetProperty("objects").TryGetProperty(layer, out _), $"layer '{layer}' missing");
        }
    }

    [Fact]
    public void The_element_registers_the_outline_under_its_plotly_name()
    {
        var element = Fake().Element;

        Assert.Contains("window.PlotlyGeoAssets = window.PlotlyGeoAssets || {}", element);
        Assert.Contains("assets.topojson['world_110m'] = {\"type\":\"Topology\",\"note\":\"\\u003c/script>\"}", element);
    }

    /// <summary>A tiny outline read through the real loader from a temporary kit root.</summary>
    internal static GeoBaseMap Fake()
    {
        var root = Directory.CreateTempSubdirectory("fraudlab-geo-").FullName;
        try
        {
            var paths = new KitPaths(root);
            Directory.CreateDirectory(Path.GetDirectoryName(GeoBaseMap.PathUnder(paths))!);
            File.WriteAllText(GeoBaseMap.PathUnder(paths), "{\"type\":\"Topology\",\"note\":\"</script>\"}");
            return GeoBaseMap.TryLoad(paths)!;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
