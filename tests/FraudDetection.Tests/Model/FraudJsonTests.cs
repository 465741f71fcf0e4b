using System.Text;
using System.Text.Json.Nodes;
using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Tests.Detection;

namespace FraudDetection.Tests.Model;

public sealed class FraudJsonTests
{
    [Fact]
    public void Transaction_uses_the_workshop_names_and_spellings()
    {
        var t = Tx.At(1000000001, 0, 12.30m) with { MerchantType = MerchantType.FoodAndBeverage };

        var json = JsonNode.Parse(FraudJson.Serialize(t))!.AsObject();

        Assert.Equal(1000000001, json["Account_Id"]!.GetValue<long>());
        Assert.Equal("Food and Beverage", json["Merchant_Type"]!.GetValue<string>());
        Assert.Equal("In Store", json["Transaction_Type"]!.GetValue<string>());
        Assert.Equal("12.30", json["Transaction_Amount"]!.ToJsonString());
        Assert.Equal("2026-01-05T12:00:00+00:00", json["Transaction_Date"]!.GetValue<string>());
        Assert.False(json.ContainsKey("Latitude")); // nulls are left out
        Assert.False(json.ContainsKey("HasLocation"));
    }

    [Fact]
    public void Transaction_round_trips_through_serializer_and_decoder()
    {
        var t = Tx.At(5, 1, 99.99m, lat: 1.5, lon: -2.25, ip: "192.0.2.1") with { Currency = "USD", CreatedAt = Tx.T0 };

        var bytes = FraudJson.Serialize(t);

        Assert.Equal(t, FraudJson.Deserialize<Transaction>(bytes));
        Assert.Equal(t, TransactionDecoder.Decode(bytes).Value);
    }

    [Fact]
    public void Processed_record_carries_transaction_verdict_and_timing()
    {
        var engine = new FraudDetection.Detection.DetectionEngine(new(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Tx.T0.AddSeconds(5)));
        engine.Apply(new FlaggedAccount { AccountId = 9, FlagDate = Tx.T0 });
        var decision = engine.Process(Tx.At(9, 1, 20000m));

        var json = JsonNode.Parse(FraudJson.Serialize(ProcessedTransaction.From(decision)))!.AsObject();

        Assert.Equal($"9-{decision.Transaction.TransactionId}", json["Record_Id"]!.GetValue<string>());
        Assert.Equal("block", json["Verdict"]!.GetValue<string>());
        Assert.Equal(decision.Score, json["Score"]!.GetValue<int>());
        Assert.Equal(["flagged-account", "over-threshold", "spend-velocity"], json["Reasons"]!.AsArray().Select(r => r!["Rule_Id"]!.GetValue<string>()));
        Assert.Equal("2026-01-05T12:00:00+00:00", json["Flag_Date"]!.GetValue<string>());
        Assert.Equal("2026-01-05T12:00:01+00:00", json["Event_Time"]!.GetValue<string>());
        Assert.Equal("2026-01-05T12:00:05+00:00", json["Processed_Time"]!.GetValue<string>());
        Assert.Equal(20000m, json["Transaction_Amount"]!.GetValue<decimal>());
        Assert.False(json.ContainsKey("Late"));
    }

    [Fact]
    public void Labels_and_flags_round_trip()
    {
        var label = new TransactionLabel { AccountId = 1, TransactionId = "00000000000000aa", Scenario = FraudScenario.DeniedIp, ExpectedRuleIds = ["ip-deny-list"] };
        var flag = new FlaggedAccount { AccountId = 1, FlagDate = Tx.T0, Reason = "stolen", UnflagDate = Tx.T0.AddDays(1) };

        Assert.Contains("\"Scenario\":\"denied-ip\"", Encoding.UTF8.GetString(FraudJson.Serialize(label)), StringComparison.Ordinal);
        Assert.Equal(label.ExpectedRuleIds, FraudJson.Deserialize<TransactionLabel>(FraudJson.Serialize(label)).ExpectedRuleIds);
        Assert.Equal(flag, FraudJson.Deserialize<FlaggedAccount>(FraudJson.Serialize(flag)));
    }
}
