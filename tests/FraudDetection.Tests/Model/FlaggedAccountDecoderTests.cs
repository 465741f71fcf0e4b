using System.Text;
using FraudDetection.Model;

namespace FraudDetection.Tests.Model;

public sealed class FlaggedAccountDecoderTests
{
    private static DecodeResult<FlaggedAccount> Decode(string json) => FlaggedAccountDecoder.Decode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Decodes_a_flag_with_and_without_unflag_date()
    {
        var open = Decode("{\"Account_Id\":1000000003,\"Flag_Date\":\"2026-01-05T12:00:00Z\"}");
        var closed = Decode("{\"Account_Id\":1000000003,\"Flag_Date\":\"2026-01-05T12:00:00Z\",\"Reason\":\"stolen\",\"Unflag_Date\":\"2026-01-06T12:00:00Z\"}");

        Assert.True(open.IsSuccess, open.Error);
        Assert.Null(open.Value.UnflagDate);
        Assert.Equal("stolen", closed.Value!.Reason);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 12, 0, 0, TimeSpan.Zero), closed.Value.UnflagDate);
    }

    [Theory]
    [InlineData("{\"Flag_Date\":\"2026-01-05T12:00:00Z\"}", "Account_Id")]
    [InlineData("{\"Account_Id\":0,\"Flag_Date\":\"2026-01-05T12:00:00Z\"}", "Account_Id: must be a positive whole number")]
    [InlineData("{\"Account_Id\":1,\"Flag_Date\":\"soon\"}", "Flag_Date")]
    [InlineData("{\"Account_Id\":1,\"Flag_Date\":\"2026-01-05T12:00:00Z\",\"Unflag_Date\":\"2026-01-04T12:00:00Z\"}", "Unflag_Date: must not be before Flag_Date")]
    [InlineData("not json", "malformed flagged account")]
    public void Rejects_with_the_field_named(string json, string expected)
    {
        var result = Decode(json);

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
