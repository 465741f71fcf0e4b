using System.Text.Json.Nodes;
using Cfn.Tests.Support;
using FraudDetection.Stack;

namespace Cfn.Tests;

/// <summary>Every name the template uses is defined; every output and parameter the kit's code relies on exists.</summary>
public sealed class ReferenceIntegrityTests
{
    private static ReferenceChecker Checker => new(ResourceSpecification.Kit);

    [Fact]
    public void Every_reference_names_something_defined()
    {
        var problems = Checker.Check(StackTemplate.Kit);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_output_the_cli_and_notebooks_read_exists()
    {
        var outputs = StackTemplate.Kit.Outputs;

        Assert.All(StackOutputNames.All, name => Assert.True(outputs.ContainsKey(name), $"output '{name}' is missing"));
    }

    [Fact]
    public void Every_parameter_the_deploy_helper_sets_exists()
    {
        var parameters = StackTemplate.Kit.Parameters;

        Assert.All(StackParameterNames.All, name => Assert.True(parameters.ContainsKey(name), $"parameter '{name}' is missing"));
    }

    [Fact]
    public void Topic_outputs_match_the_kits_default_topic_names()
    {
        var topics = new FraudDetection.Configuration.TopicsOptions();
        var names = StackTemplate.Kit.Mappings["Topics"]!["Names"]!.AsObject();

        Assert.Equal(topics.Transactions, names["Transactions"]!.GetValue<string>());
        Assert.Equal(topics.FlaggedAccounts, names["FlaggedAccounts"]!.GetValue<string>());
        Assert.Equal(topics.Processed, names["Processed"]!.GetValue<string>());
        Assert.Equal(topics.Rules, names["Rules"]!.GetValue<string>());
        Assert.Equal(topics.RuleErrors, names["RuleErrors"]!.GetValue<string>());
        Assert.Equal(topics.DeadLetter, names["DeadLetter"]!.GetValue<string>());
        Assert.Equal(topics.Alerts, names["Alerts"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"Ref":"NoSuchParameter"}""", "Ref to undefined 'NoSuchParameter'")]
    [InlineData("""{"Fn::GetAtt":["NoSuchResource","Arn"]}""", "undefined resource 'NoSuchResource'")]
    [InlineData("""{"Fn::GetAtt":["AuditTable","NoSuchAttribute"]}""", "has no attribute 'NoSuchAttribute'")]
    [InlineData("""{"Fn::Sub":"${NoSuchThing}-x"}""", "Ref to undefined 'NoSuchThing'")]
    [InlineData("""{"Fn::Sub":"${AuditTable.Nope}"}""", "has no attribute 'Nope'")]
    [InlineData("""{"Fn::If":["NoSuchCondition","a","b"]}""", "condition 'NoSuchCondition' is not defined")]
    [InlineData("""{"Fn::FindInMap":["Topics","Names","Nope"]}""", "mapping Topics.Names.Nope is not defined")]
    public void A_dangling_reference_is_reported(string value, string expected)
    {
        var template = StackTemplate.Kit.Clone();
        template.Outputs["Broken"] = new JsonObject { ["Value"] = JsonNode.Parse(value) };

        Assert.Contains(Checker.Check(template), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Escaped_sub_text_is_not_a_reference()
    {
        var template = StackTemplate.Kit.Clone();
        template.Outputs["Literal"] = new JsonObject { ["Value"] = new JsonObject { ["Fn::Sub"] = "${!NotAReference}" } };

        Assert.Empty(Checker.Check(template));
    }

    [Fact]
    public void A_dependency_or_condition_on_nothing_is_reported()
    {
        var template = StackTemplate.Kit.Clone();
        template.Resources["WorkshopHost"]!["DependsOn"] = new JsonArray("KafkaScramSecrets", "NoSuchResource");
        template.Resources["AlertEmailSubscription"]!["Condition"] = "NoSuchCondition";

        var problems = Checker.Check(template);

        Assert.Contains(problems, p => p.Contains("NoSuchResource", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NoSuchCondition", StringComparison.Ordinal));
    }
}
