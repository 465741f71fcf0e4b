using FraudDetection.Model;
using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

public sealed class AuditItemTests
{
    [Fact]
    public void Attributes_round_trip_every_field()
    {
        var item = AuditSamples.Item(42, 7, Verdict.Block);

        var attributes = item.ToAttributes("Expires_At");
        var back = AuditItem.FromAttributes(attributes, "Expires_At");

        Assert.Equivalent(item, back, strict: true);
        Assert.Equal("42", attributes["Account_Id"].N);
        Assert.Equal("block", attributes["Verdict"].S);
        Assert.Equal("Food and Beverage", attributes["Merchant_Type"].S);
        Assert.Equal("42-0000002a00000007", attributes["Record_Id"].S);
    }

    [Fact]
    public void Expiry_is_epoch_seconds_ttl_hours_after_now()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var item = AuditItem.From(AuditSamples.Processed(1, 1), now, TimeSpan.FromHours(24));

        Assert.Equal(now.AddHours(24).ToUnixTimeSeconds(), item.ExpiresAt);
        Assert.Equal(item.ExpiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture), item.ToAttributes("Ttl")["Ttl"].N);
    }

    [Fact]
    public void Times_are_stored_in_utc_so_string_order_is_time_order()
    {
        var earlier = new DateTimeOffset(2026, 1, 1, 23, 0, 0, TimeSpan.FromHours(-5)); // 04:00 UTC next day
        var later = new DateTimeOffset(2026, 1, 2, 5, 0, 0, TimeSpan.Zero);

        Assert.Equal("2026-01-02T04:00:00.0000000Z", AuditItem.FormatTime(earlier));
        Assert.True(string.CompareOrdinal(AuditItem.FormatTime(earlier), AuditItem.FormatTime(later)) < 0);
    }

    [Fact]
    public void A_missing_attribute_is_named()
    {
        var attributes = AuditSamples.Item(1, 1).ToAttributes("Expires_At");
        attributes.Remove("Verdict");

        var error = Assert.Throws<FormatException>(() => AuditItem.FromAttributes(attributes, "Expires_At"));

        Assert.Contains("Verdict", error.Message, StringComparison.Ordinal);
    }
}
