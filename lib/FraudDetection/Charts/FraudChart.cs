using Plotly.NET;

namespace FraudDetection.Charts;

/// <summary>
/// A chart the kit builds from fraud records: the Plotly.NET chart, the file name it is saved under and its title.
/// Render it with <see cref="ChartRenderer"/> (standalone file) or <see cref="ChartDisplay"/> (inline in a notebook).
/// </summary>
/// <param name="Name">File-name stem, lower-case letters, digits and dashes (e.g. <c>flagged-over-time</c>).</param>
/// <param name="Title">Shown above the plot and as the document title.</param>
/// <param name="Plot">The Plotly.NET chart, free to be styled further.</param>
/// <param name="IsMap">Draws on a geo subplot, so it needs the world outline (<see cref="GeoBaseMap"/>).</param>
public sealed record FraudChart(string Name, string Title, GenericChart Plot, bool IsMap = false)
{
    /// <summary>The plotly figure: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string FigureJson => GenericChart.toJson(Plot);
}
