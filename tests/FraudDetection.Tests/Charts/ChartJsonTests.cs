using System.Text.Json;
using FraudDetection.Charts;

namespace FraudDetection.Tests.Charts;

public sealed class ChartJsonTests
{
    [Fact]
    public void Escaped_json_has_no_angle_bracket_and_parses_to_the_same_value()
    {
        const string json = "{\"name\":\"<!-- </script> <b>\"}";

        var escaped = ChartJson.ForScript(json);

        Assert.DoesNotContain("<", escaped);
        Assert.Equal("<!-- </script> <b>", JsonDocument.Parse(escaped).RootElement.GetProperty("name").GetString());
    }
}
