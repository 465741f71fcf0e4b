using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class StackEventTests
{
    [Fact]
    public void Parses_describe_stack_events_output_oldest_first()
    {
        var events = StackEvent.ParseAll(StackFixtures.Read("describe-stack-events.json"));

        Assert.Equal(["fraudlab-workshop", "ProcessorRepository", "KafkaCluster", "ProcessorRepository", "fraudlab-workshop"], events.Select(e => e.LogicalResourceId));
        Assert.Equal("User Initiated", events[0].ResourceStatusReason);
        Assert.Equal("AWS::MSK::Cluster", events[2].ResourceType);
        Assert.Null(events[2].ResourceStatusReason);
        Assert.True(events.SequenceEqual(events.OrderBy(e => e.Timestamp)));
    }

    [Fact]
    public void Failures_and_rollbacks_are_marked()
    {
        var events = StackEvent.ParseAll(StackFixtures.Read("describe-stack-events.json"));

        Assert.Equal([false, false, false, true, true], events.Select(e => e.IsFailure));
    }

    [Fact]
    public void An_event_reads_as_one_progress_line()
    {
        var failed = StackEvent.ParseAll(StackFixtures.Read("describe-stack-events.json"))[3];

        Assert.StartsWith("18:03:01 CREATE_FAILED                ProcessorRepository (AWS::ECR::Repository): Resource handler returned message:", failed.ToString());
    }

    [Fact]
    public void Malformed_output_is_one_clear_error()
    {
        var error = Assert.Throws<StackException>(() => StackEvent.ParseAll("""{"StackEvents":[{"Timestamp":"yesterday"}]}"""));

        Assert.Contains("describe-stack-events", error.Message);
    }
}
