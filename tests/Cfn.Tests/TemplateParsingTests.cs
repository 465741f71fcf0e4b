using System.Text.Json.Nodes;
using Cfn.Tests.Support;

namespace Cfn.Tests;

/// <summary>The template is YAML CloudFormation reads: short-form tags, one document, the sections the kit needs.</summary>
public sealed class TemplateParsingTests
{
    [Fact]
    public void The_template_parses_with_every_section()
    {
        var template = StackTemplate.Kit;

        Assert.Equal("2010-09-09", template.Root["AWSTemplateFormatVersion"]?.GetValue<string>());
        Assert.NotEmpty(template.Parameters);
        Assert.NotEmpty(template.Conditions);
        Assert.NotEmpty(template.Mappings);
        Assert.True(template.Resources.Count > 40, $"only {template.Resources.Count} resources");
        Assert.NotEmpty(template.Outputs);
    }

    [Fact]
    public void Short_form_tags_become_their_long_form()
    {
        var node = CfnYamlReader.Read("""
            a: !Ref Vpc
            b: !GetAtt Table.StreamArn
            c: !Sub "${AWS::Region}-x"
            d: !If [Cond, 1, !Ref AWS::NoValue]
            e: !Not [!Condition Other]
            f: !Select [0, !GetAZs ""]
            g: "3.9.x"
            h: 9096
            i: true
            j: 0.0.0.0/0
            """)!.AsObject();

        Assert.Equal("""{"Ref":"Vpc"}""", node["a"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["Table","StreamArn"]}""", node["b"]!.ToJsonString());
        Assert.Equal("""{"Fn::Sub":"${AWS::Region}-x"}""", node["c"]!.ToJsonString());
        Assert.Equal("""{"Fn::If":["Cond",1,{"Ref":"AWS::NoValue"}]}""", node["d"]!.ToJsonString());
        Assert.Equal("""{"Fn::Not":[{"Condition":"Other"}]}""", node["e"]!.ToJsonString());
        Assert.Equal("""{"Fn::Select":[0,{"Fn::GetAZs":""}]}""", node["f"]!.ToJsonString());
        Assert.Equal("3.9.x", node["g"]!.GetValue<string>());
        Assert.Equal(9096, node["h"]!.GetValue<long>());
        Assert.True(node["i"]!.GetValue<bool>());
        Assert.Equal("0.0.0.0/0", node["j"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_tag_is_an_error_naming_its_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => CfnYamlReader.Read("a: 1\nb: !Reff Vpc\n"));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("!Reff", error.Message);
    }

    [Fact]
    public void A_duplicate_key_is_an_error()
    {
        var error = Assert.ThrowsAny<Exception>(() => CfnYamlReader.Read("a: 1\na: 2\n"));

        Assert.Contains("a", error.Message);
    }

    [Fact]
    public void Every_resource_has_a_type_and_every_output_a_value()
    {
        var template = StackTemplate.Kit;

        Assert.All(template.Resources, r => Assert.StartsWith("AWS::", StackTemplate.TypeOf(r.Value)));
        Assert.All(template.Outputs, o => Assert.NotNull((o.Value as JsonObject)?["Value"]));
    }

    [Fact]
    public void The_template_fits_what_cloudformation_deploy_uploads_without_an_s3_bucket()
    {
        // `aws cloudformation deploy` sends the body inline up to 51,200 bytes; beyond that it needs --s3-bucket.
        var bytes = new FileInfo(KitRepository.PathOf(StackTemplate.RelativePath)).Length;

        Assert.True(bytes <= 51_200, $"the template is {bytes} bytes; deploy would need an S3 bucket");
    }
}
