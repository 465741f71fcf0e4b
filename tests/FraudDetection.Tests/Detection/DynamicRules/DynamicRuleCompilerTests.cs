using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;

namespace FraudDetection.Tests.Detection.DynamicRules;

/// <summary>Rule validation through the engine's public door: every rejection names the field; nothing throws.</summary>
public sealed class DynamicRuleCompilerTests
{
    private const string Valid =
        """{"Rule_Id":"big-spender","Group_By":"Account_Id","Aggregate":"sum","Field":"Transaction_Amount","Operator":">","Limit":5000,"Window":"01:00:00"}""";

    private static RuleChange Apply(string json) =>
        new DetectionEngine(new DetectionOptions(), TimeProvider.System).ApplyRule(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_valid_rule_is_added_active()
    {
        var change = Apply(Valid);

        Assert.True(change.Accepted, change.Error);
        Assert.Equal(("big-spender", RuleChangeKind.Added, RuleState.Active), (change.RuleId, change.Kind, change.State));
    }

    [Theory]
    [InlineData("Rule_Id", "\"\"", "Rule_Id: required")]
    [InlineData("Rule_Id", "\"has space\"", "Rule_Id: required, 1 to 64 letters")]
    [InlineData("State", "\"sleeping\"", "State: must be active, paused or deleted, got 'sleeping'")]
    [InlineData("Group_By", "\"Transaction_Amount\"", "Group_By: must be one of Account_Id")]
    [InlineData("Group_By", "\"Shoe_Size\"", "Group_By: must be one of")]
    [InlineData("Aggregate", "\"median\"", "Aggregate: must be one of count, sum, avg, min, max, got 'median'")]
    [InlineData("Aggregate", "\"1\"", "Aggregate: must be one of")]
    [InlineData("Field", "\"Customer_Name\"", "Field: sum needs a numeric field (Transaction_Amount), got 'Customer_Name'")]
    [InlineData("Operator", "\"=>\"", "Operator: must be one of \">\"")]
    [InlineData("Limit", "null", "Limit: required (a number)")]
    [InlineData("Window", "\"ten minutes\"", "Window: must be a duration")]
    [InlineData("Window", "\"2.00:00:00\"", "Window: must be a duration from 00:00:00 to 1.00:00:00")]
    [InlineData("Window", "\"-00:01:00\"", "Window: must be a duration")]
    [InlineData("Weight", "5000", "Weight: must be from 0 to 1000, got 5000")]
    [InlineData("Where", """{"Field":"Merchant_Type","Operator":">","Value":"Others"}""", "Where.Operator: Merchant_Type is text")]
    [InlineData("Where", """{"Field":"Transaction_Amount","Operator":">","Value":"big"}""", "Where.Value: Transaction_Amount is compared with a number")]
    [InlineData("Where", """{"Field":"Merchant_Type","Operator":"==","Value":3}""", "Where.Value: Merchant_Type is compared with a string")]
    [InlineData("Where", """{"Field":"Colour","Operator":"==","Value":"red"}""", "Where.Field: must be one of")]
    public void An_invalid_rule_is_rejected_naming_the_field(string field, string value, string expected)
    {
        var rule = JsonNode.Parse(Valid)!.AsObject();
        rule[field] = JsonNode.Parse(value);

        var change = Apply(rule.ToJsonString());

        Assert.False(change.Accepted);
        Assert.Equal(RuleChangeKind.Rejected, change.Kind);
        Assert.Contains(expected, change.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "malformed rule")]
    [InlineData("[]", "malformed rule")]
    [InlineData("""{"Rule_Id":"x","Limit":"many"}""", "malformed rule")]
    [InlineData("""{"Rule_Id":"x","Aggregate":"count","Operator":">","Limit":1}""", "Window: must be a duration")]
    public void Malformed_json_is_rejected_not_thrown(string json, string expected)
    {
        var change = Apply(json);

        Assert.False(change.Accepted);
        Assert.Contains(expected, change.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_needs_no_field_and_iso_windows_are_accepted()
    {
        var change = Apply("""{"Rule_Id":"many","Aggregate":"count","Operator":">=","Limit":5,"Window":"PT10M"}""");

        Assert.True(change.Accepted, change.Error);
    }

    [Fact]
    public void Deleting_needs_only_the_id()
    {
        Assert.Equal(RuleChangeKind.Deleted, Apply("""{"Rule_Id":"anything","State":"deleted"}""").Kind);
    }

    [Fact]
    public void Random_bytes_and_mutated_rules_never_throw()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        var valid = Encoding.UTF8.GetBytes(Valid);
        Gen.Byte.Array[0, 100].Sample(bytes => engine.ApplyRule(bytes).RuleId.Length > 0);
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 4].Sample(edits =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (at, value) in edits)
            {
                bytes[at] = value;
            }

            var change = engine.ApplyRule(bytes);
            return change.Accepted || change.Error!.Length > 0;
        });
    }
}
