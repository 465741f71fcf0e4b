using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class StackDescriptionTests
{
    [Fact]
    public void Parses_describe_stacks_output()
    {
        var stack = StackDescription.Parse(StackFixtures.Read("describe-stacks.json"));

        Assert.Equal("fraudlab-workshop", stack.StackName);
        Assert.Equal("UPDATE_COMPLETE", stack.StackStatus);
        Assert.True(stack.IsUsable);
        Assert.False(stack.IsInProgress);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 18, 2, 11, 517, TimeSpan.Zero), stack.CreationTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 18, 47, 40, 102, TimeSpan.Zero), stack.LastUpdatedTime);
        Assert.Equal("fraudlab-workshop-processor", stack.Output(StackOutputNames.ProcessorServiceName));
        Assert.Equal("20261123-184500", stack.Parameters["ProcessorImageTag"]);
        Assert.All(StackOutputNames.All, name => Assert.NotNull(stack.OptionalOutput(name)));
    }

    [Fact]
    public void A_rolled_back_stack_has_no_outputs_and_is_not_usable()
    {
        var stack = StackDescription.Parse(StackFixtures.Read("describe-stacks-rollback.json"));

        Assert.False(stack.IsUsable);
        Assert.Equal("The following resource(s) failed to create: [KafkaCluster]. Rollback requested by user.", stack.StackStatusReason);
        var error = Assert.Throws<StackException>(() => stack.Output(StackOutputNames.KafkaSecretArn));
        Assert.Contains("has no output 'KafkaSecretArn'", error.Message);
    }

    [Fact]
    public void An_empty_output_counts_as_missing()
    {
        var stack = StackDescription.Parse(StackFixtures.Read("describe-stacks-first-pass.json"));

        Assert.Null(stack.OptionalOutput(StackOutputNames.KafkaBootstrapBrokers));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Stacks":[]}""")]
    [InlineData("""{"Stacks":[{"StackName":"x"}]}""")]
    public void Malformed_output_is_one_clear_error(string json)
    {
        var error = Assert.Throws<StackException>(() => StackDescription.Parse(json));

        Assert.Contains("describe-stacks", error.Message);
    }
}
