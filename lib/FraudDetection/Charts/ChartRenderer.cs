using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FraudDetection.Configuration;

namespace FraudDetection.Charts;

/// <summary>
/// Turns a <see cref="FraudChart"/> into HTML that renders without internet: plotly.js is inlined from Plotly.NET's
/// embedded copy, and maps get the world outline from <see cref="GeoBaseMap"/>. Without an outline, a map is
/// drawn on its bare graticule rather than letting plotly.js try (and fail) to download one.
/// </summary>
public sealed class ChartRenderer
{
    private static readonly string[] BaseLayers = ["showland", "showocean", "showlakes", "showrivers", "showcountries", "showcoastlines", "showsubunits"];

    public ChartRenderer(GeoBaseMap? baseMap) => BaseMap = baseMap;

    /// <summary>The world outline for maps, or null to draw maps without one.</summary>
    public GeoBaseMap? BaseMap { get; }

    /// <summary>A renderer with the outline installed under the kit (<see cref="GeoBaseMap.TryLoad"/>).</summary>
    public static ChartRenderer ForKit(KitPaths? paths = null) => new(GeoBaseMap.TryLoad(paths ?? KitPaths.Discover()));

    /// <summary>The plotly.js file that charts saved in one folder share (<see cref="Save"/>).</summary>
    private const string PlotlyFileName = "plotly.min.js";

    /// <summary>The world-outline file that maps saved in one folder share.</summary>
    private const string OutlineFileName = "world-outline.js";

    /// <summary>A complete HTML document holding plotly.js and the chart: opens offline in any browser.</summary>
    public string Document(FraudChart chart) =>
        Page(chart, PlotlyScript.Element, chart.IsMap ? BaseMap?.Element : null);

    /// <summary>
    /// Writes the chart to <c>{folder}/{chart.Name}.html</c> (creating the folder) and returns the path. The page loads
    /// plotly.js (and for maps the outline) from files written once next to it, so six charts in one folder carry one
    /// 3.6 MB copy, not six; the folder still opens offline from disk.
    /// </summary>
    public string Save(FraudChart chart, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteShared(Path.Combine(folder, PlotlyFileName), PlotlyScript.Script);
        var outline = chart.IsMap && BaseMap is not null;
        if (outline)
        {
            WriteShared(Path.Combine(folder, OutlineFileName), BaseMap!.Script);
        }

        var path = Path.Combine(folder, chart.Name + ".html");
        File.WriteAllText(path, Page(chart, ScriptFile(PlotlyFileName), outline ? ScriptFile(OutlineFileName) : null));
        return path;
    }

    private string Page(FraudChart chart, string plotly, string? outline)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(WebUtility.HtmlEncode(chart.Title)).Append("</title>\n");
        html.Append(plotly).Append('\n');
        if (outline is not null)
        {
            html.Append(outline).Append('\n');
        }

        html.Append("</head>\n<body>\n").Append(Figure(chart, chart.Name)).Append("\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string ScriptFile(string name) => $"<script type=\"text/javascript\" charset=\"utf-8\" src=\"{name}\"></script>";

    /// <summary>Writes a shared script unless the same text is already there (charts saved one after another reuse it).</summary>
    private static void WriteShared(string path, string text)
    {
        if (File.Exists(path) && new FileInfo(path).Length == Encoding.UTF8.GetByteCount(text) && File.ReadAllText(path) == text)
        {
            return;
        }

        File.WriteAllText(path, text);
    }

    /// <summary>
    /// The chart's element and the script that draws it; plotly.js (and for maps the outline) must already be on
    /// the page. <paramref name="elementId"/> must be unique on the page.
    /// </summary>
    public string Figure(FraudChart chart, string elementId)
    {
        var figure = chart.FigureJson;
        if (chart.IsMap && BaseMap is null)
        {
            figure = WithoutBaseLayers(figure);
        }

        return $"<div id=\"{elementId}\" class=\"fraudlab-chart\"></div>\n" +
               "<script type=\"text/javascript\">(function () {\n" +
               $"  var figure = {ChartJson.ForScript(figure)};\n" +
               $"  Plotly.newPlot('{elementId}', figure.data, figure.layout, figure.config);\n" +
               "})();</script>";
    }

    private static string WithoutBaseLayers(string figureJson)
    {
        var figure = JsonNode.Parse(figureJson)!.AsObject();
        var layout = figure["layout"] as JsonObject ?? [];
        var geo = layout["geo"] as JsonObject ?? [];
        foreach (var layer in BaseLayers)
        {
            geo[layer] = false;
        }

        layout["geo"] = geo;
        figure["layout"] = layout;
        return figure.ToJsonString();
    }
}
