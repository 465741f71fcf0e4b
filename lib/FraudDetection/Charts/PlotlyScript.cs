using System.Reflection;
using Plotly.NET;

namespace FraudDetection.Charts;

/// <summary>
/// The plotly.js bundle Plotly.NET ships as an embedded resource, read once. Inlining it (instead of a CDN
/// script tag) is what lets every chart render without internet, at ~3.6 MB per standalone file.
/// </summary>
internal static class PlotlyScript
{
    private static readonly Lazy<string> LazySource = new(Load);

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => LazySource.Value;

    /// <summary>
    /// A script element that defines <c>window.Plotly</c>. The bundle is a UMD module: inside a page that has
    /// require.js (classic Jupyter) it would register itself as an AMD module and leave <c>Plotly</c> undefined,
    /// so it runs with <c>define</c>, <c>module</c> and <c>exports</c> shadowed by undefined parameters.
    /// </summary>
    public static string Element => "<script type=\"text/javascript\">" + Script + "</script>";

    /// <summary>The same, as a script file of its own (what <see cref="ChartRenderer.Save"/> writes once per folder).</summary>
    public static string Script => "(function (define, module, exports) {\n" + Source + "\n}).call(window);";

    private static string Load()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"plotly.js is not embedded in {assembly.GetName().Name} {assembly.GetName().Version}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
