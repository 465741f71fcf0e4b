using FraudDetection.Configuration;
using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

/// <summary>Defects 6 and 7 of issue 11: names the template cannot use and regions lacking its resource types are refused in one line.</summary>
public sealed class StackNameAndRegionTests
{
    private static StackOperations Operations(StackOptions options) =>
        new(options, new KitPaths(Path.GetTempPath()), new RecordingProcessRunner(), TimeProvider.System, _ => null);

    [Theory]
    [InlineData("FraudLab-Test")]      // ECR repository names take no capitals
    [InlineData("fraudlab_test")]
    [InlineData("a-stack-name-so-long-that-its-pipe-name-would-pass-64")]
    public void A_stack_name_the_template_cannot_use_is_refused_in_one_line(string name)
    {
        var error = Assert.Throws<KitConfigurationException>(() => Operations(new StackOptions { Name = name, Region = "us-east-1" }));

        Assert.Contains("Stack:Name", error.Message);
        Assert.Contains("lower-case", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_lower_case_name_is_accepted()
    {
        Assert.Equal("fraudlab-test-2", Operations(new StackOptions { Name = "fraudlab-test-2", Region = "us-east-1" }).Target.Name);
    }

    [Theory]
    [InlineData("ap-east-1")]      // no EventBridge Pipes checked there
    [InlineData("me-central-1")]
    [InlineData("us-west-1")]       // MSK needs exactly two subnets there; not in the checked list
    public void A_region_outside_the_checked_list_is_refused_in_one_line(string region)
    {
        var error = Assert.Throws<StackException>(() => Operations(new StackOptions { Region = region }));

        Assert.Contains($"region '{region}'", error.Message);
        Assert.Contains("us-east-1", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
