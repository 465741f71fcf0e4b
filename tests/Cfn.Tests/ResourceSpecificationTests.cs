using System.Text.Json.Nodes;
using Cfn.Tests.Support;

namespace Cfn.Tests;

/// <summary>
/// The template against the CloudFormation resource specification of <c>@aws-cdk/cfnspec</c>
/// (specification 117.0.0, April 2023; newer properties only through <see cref="NewerThanSpecification"/>).
/// </summary>
public sealed class ResourceSpecificationTests
{
    private static SpecificationValidator Validator => new(ResourceSpecification.Kit);

    [Fact]
    public void The_specification_is_installed_by_download_sh()
    {
        var path = KitRepository.PathOf(ResourceSpecification.RelativePath);

        Assert.True(File.Exists(path), $"the CloudFormation resource specification is missing ({path}); run ./download.sh (it runs `npm ci`) and test again");
        Assert.Equal("117.0.0", ResourceSpecification.Kit.Version);
    }

    [Fact]
    public void Every_resource_matches_the_specification()
    {
        var problems = Validator.Validate(StackTemplate.Kit);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_allow_listed_newer_property_is_used_and_unknown_to_the_specification()
    {
        var template = StackTemplate.Kit;
        foreach (var entry in NewerThanSpecification.Properties.Keys)
        {
            var dot = entry.LastIndexOf('.');
            var (type, property) = (entry[..dot], entry[(dot + 1)..]);

            Assert.Null(ResourceSpecification.Kit.Resource(type)?["Properties"]?[property]);
            Assert.Contains(template.ResourcesOfType(type), r => r.Resource["Properties"]?[property] is not null);
        }
    }

    [Fact]
    public void An_unknown_resource_type_is_reported()
    {
        var template = StackTemplate.Kit.Clone();
        template.Resources["AuditTable"]!["Type"] = "AWS::DynamoDB::Tabel";

        Assert.Contains(Validator.Validate(template), p => p.Contains("AWS::DynamoDB::Tabel", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_property_is_reported_even_when_nested()
    {
        var template = StackTemplate.Kit.Clone();
        template.Resources["KafkaCluster"]!["Properties"]!["EncryptionInfo"]!["EncryptionInTransit"]!["ClientBrokers"] = "TLS";

        Assert.Contains(Validator.Validate(template), p => p.Contains("EncryptionInTransit.ClientBrokers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_property_is_reported()
    {
        var template = StackTemplate.Kit.Clone();
        template.Resources["AuditTable"]!["Properties"]!.AsObject().Remove("KeySchema");

        Assert.Contains(Validator.Validate(template), p => p.Contains("required property 'KeySchema'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KafkaCluster", "NumberOfBrokerNodes", "two")]
    [InlineData("KitKey", "EnableKeyRotation", "yes")]
    [InlineData("ProcessorSecurityGroup", "SecurityGroupEgress", "all")]
    public void A_value_of_the_wrong_type_is_reported(string resource, string property, string value)
    {
        var template = StackTemplate.Kit.Clone();
        template.Resources[resource]!["Properties"]![property] = value;

        Assert.Contains(Validator.Validate(template), p => p.Contains($"{resource}.Properties.{property}", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_branches_of_Fn_If_are_checked()
    {
        var template = StackTemplate.Kit.Clone();
        template.Resources["ProcessorService"]!["Properties"]!["DesiredCount"] =
            new JsonObject { ["Fn::If"] = new JsonArray("ProcessorReady", new JsonObject { ["Ref"] = "ProcessorCount" }, "none") };

        Assert.Contains(Validator.Validate(template), p => p.Contains("DesiredCount: expected Integer", StringComparison.Ordinal));
    }
}
