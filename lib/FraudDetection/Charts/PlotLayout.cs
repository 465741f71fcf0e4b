using Plotly.NET;

namespace FraudDetection.Charts;

/// <summary>
/// Layout settings Plotly.NET.CSharp has no C# method for (title, bar mode, geo). Plotly.NET's layout is a dynamic
/// object, so these set plotly.js attributes by their JavaScript names instead of calling F# functions whose
/// dozens of optional parameters C# would have to spell out.
/// </summary>
internal static class PlotLayout
{
    /// <summary>Sets <c>layout.{key}</c> to <paramref name="value"/> (anything Newtonsoft.Json serializes).</summary>
    public static GenericChart WithLayoutValue(this GenericChart chart, string key, object value)
    {
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty(key, value);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Title, responsive width and a fixed height: the defaults every kit chart shares.</summary>
    public static GenericChart WithKitStyle(this GenericChart chart, string title, int height = 480)
    {
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        layout.RemoveProperty("width");
        layout.SetProperty("height", height);
        return GenericChart.setLayout(layout, chart);
    }
}
