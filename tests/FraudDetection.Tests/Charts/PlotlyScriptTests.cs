using FraudDetection.Charts;

namespace FraudDetection.Tests.Charts;

public sealed class PlotlyScriptTests
{
    [Fact]
    public void The_embedded_bundle_is_plotly_and_safe_to_inline()
    {
        Assert.Contains("plotly.js v", PlotlyScript.Source);
        Assert.DoesNotContain("</script", PlotlyScript.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_element_hides_amd_loaders_so_the_bundle_defines_window_plotly()
    {
        var element = PlotlyScript.Element;

        Assert.StartsWith("<script type=\"text/javascript\">(function (define, module, exports) {", element);
        Assert.EndsWith("}).call(window);</script>", element);
    }
}
