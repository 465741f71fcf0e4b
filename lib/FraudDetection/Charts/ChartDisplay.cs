namespace FraudDetection.Charts;

/// <summary>
/// Inline charts for one notebook: the first chart's HTML carries plotly.js (~3.6 MB) and the first map's carries
/// the world outline; later charts reuse them from the page, so a notebook with seven charts embeds plotly.js once.
/// Create one per notebook and pass <see cref="Html"/> to the notebook's <c>HTML(...)</c>.
/// </summary>
public sealed class ChartDisplay
{
    private readonly ChartRenderer _renderer;
    private readonly string _idPrefix;
    private bool _plotlyIncluded;
    private bool _baseMapIncluded;
    private int _count;

    /// <param name="renderer">Renders each figure; its outline is used for maps.</param>
    /// <param name="idPrefix">Prefix of the element ids, unique per page (one notebook is one page).</param>
    public ChartDisplay(ChartRenderer renderer, string idPrefix = "fraudlab-chart")
    {
        _renderer = renderer;
        _idPrefix = idPrefix;
    }

    /// <summary>How many charts this display has emitted.</summary>
    public int Count => _count;

    /// <summary>An HTML fragment drawing <paramref name="chart"/>, preceded by whatever scripts the page does not have yet.</summary>
    public string Html(FraudChart chart)
    {
        var html = new System.Text.StringBuilder();
        if (!_plotlyIncluded)
        {
            html.Append(PlotlyScript.Element).Append('\n');
            _plotlyIncluded = true;
        }

        if (chart.IsMap && !_baseMapIncluded && _renderer.BaseMap is { } baseMap)
        {
            html.Append(baseMap.Element).Append('\n');
            _baseMapIncluded = true;
        }

        _count++;
        html.Append(_renderer.Figure(chart, $"{_idPrefix}-{_count}-{chart.Name}"));
        return html.ToString();
    }
}
