using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class StackInspectorTests
{
    private static readonly StackTarget Stack = new("fraudlab-workshop", "eu-west-1");
    private const string DescribeJson = "aws cloudformation describe-stacks --region eu-west-1 --stack-name fraudlab-workshop --output json";

    [Fact]
    public void Dry_run_commands_for_status_and_outputs()
    {
        var inspector = new StackInspector(new AwsCliRunner(new RecordingProcessRunner()), Stack);

        Assert.Equal(
            [
                "aws sts get-caller-identity --region eu-west-1 --output json",
                DescribeJson,
                "aws cloudformation describe-stack-events --region eu-west-1 --stack-name fraudlab-workshop --max-items 10 --output json",
            ],
            inspector.StatusCommands.Select(c => c.ToShell()));
        Assert.Equal(
            [
                "aws sts get-caller-identity --region eu-west-1 --output json",
                DescribeJson,
                "aws kafka get-bootstrap-brokers --region eu-west-1 --cluster-arn \"$KAFKA_CLUSTER_ARN\" --query BootstrapBrokerStringSaslScram --output text",
            ],
            inspector.OutputsCommands.Select(c => c.ToShell()));
    }

    [Fact]
    public async Task Status_reads_the_stack_and_its_recent_events()
    {
        var runner = new RecordingProcessRunner()
            .AnswerFixture(DescribeJson, "describe-stacks.json")
            .AnswerFixture("aws cloudformation describe-stack-events", "describe-stack-events.json");

        var (stack, events) = await new StackInspector(new AwsCliRunner(runner), Stack).StatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal("UPDATE_COMPLETE", stack.StackStatus);
        Assert.Equal(5, events.Count);
        Assert.Equal(3, runner.Requests.Count);
    }

    [Fact]
    public async Task Outputs_become_the_aws_mode_configuration()
    {
        var runner = new RecordingProcessRunner().AnswerFixture(DescribeJson, "describe-stacks.json");

        var configuration = await new StackInspector(new AwsCliRunner(runner), Stack).OutputsAsync(TestContext.Current.CancellationToken);

        var document = configuration.Document;
        Assert.Equal("aws", document["Mode"]!.GetValue<string>());
        Assert.Equal("b-1.fraudlabworkshopkafka.a1b2c3.c2.kafka.eu-west-1.amazonaws.com:9096,b-2.fraudlabworkshopkafka.a1b2c3.c2.kafka.eu-west-1.amazonaws.com:9096", document["Kafka"]!["BootstrapServers"]!.GetValue<string>());
        Assert.Equal("arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_fraudlab-workshop_0a1b2c3d-Xy12Ab", document["Kafka"]!["SaslSecretArn"]!.GetValue<string>());
        Assert.Null(document["Kafka"]!["SaslPassword"]);
        Assert.Null(document["DynamoDb"]!["ServiceUrl"]);
        Assert.Equal("eu-west-1", document["DynamoDb"]!["Region"]!.GetValue<string>());
        Assert.Equal(2, document["Topics"]!["ReplicationFactor"]!.GetValue<int>());
        Assert.Equal("fraudlab-workshop-processor", document["Stack"]!["ProcessorService"]!.GetValue<string>());
        Assert.DoesNotContain(runner.CommandLines, c => c.StartsWith("aws kafka", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_second_pass_the_brokers_come_from_msk()
    {
        var runner = new RecordingProcessRunner()
            .AnswerFixture(DescribeJson, "describe-stacks-first-pass.json")
            .Answer("aws kafka get-bootstrap-brokers", "b-1.kafka:9096,b-2.kafka:9096\n");

        var configuration = await new StackInspector(new AwsCliRunner(runner), Stack).OutputsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("b-1.kafka:9096,b-2.kafka:9096", configuration.Document["Kafka"]!["BootstrapServers"]!.GetValue<string>());
        Assert.Equal(
            "aws kafka get-bootstrap-brokers --region eu-west-1 --cluster-arn arn:aws:kafka:eu-west-1:123456789012:cluster/fraudlab-workshop-kafka/5e6f7a8b-1c2d-4e3f-a4b5-c6d7e8f9a0b1-2 --query BootstrapBrokerStringSaslScram --output text",
            runner.CommandLines[^1]);
    }

    [Fact]
    public async Task A_rolled_back_stack_gives_no_configuration_and_says_why()
    {
        var runner = new RecordingProcessRunner().AnswerFixture(DescribeJson, "describe-stacks-rollback.json");

        var error = await Assert.ThrowsAsync<StackException>(() => new StackInspector(new AwsCliRunner(runner), Stack).OutputsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("stack 'fraudlab-workshop' is ROLLBACK_COMPLETE (The following resource(s) failed to create: [KafkaCluster]. Rollback requested by user.): see 'fraudlab stack status'", error.Message);
    }

    [Fact]
    public async Task A_missing_stack_says_how_to_create_it()
    {
        var runner = new RecordingProcessRunner().Answer(DescribeJson, "", exitCode: 254,
            error: "\nAn error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id fraudlab-workshop does not exist\n");

        var error = await Assert.ThrowsAsync<StackException>(() => new StackInspector(new AwsCliRunner(runner), Stack).StatusAsync(TestContext.Current.CancellationToken));

        Assert.Contains("'fraudlab-workshop' was not found in eu-west-1", error.Message);
        Assert.Contains("fraudlab stack deploy", error.Message);
    }

    [Fact]
    public async Task A_denied_read_is_not_mistaken_for_a_missing_stack()
    {
        var runner = new RecordingProcessRunner().Answer(DescribeJson, "", exitCode: 254,
            error: "\nAn error occurred (AccessDenied) when calling the DescribeStacks operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:DescribeStacks\n");

        var error = await Assert.ThrowsAsync<StackException>(() => new StackInspector(new AwsCliRunner(runner), Stack).DescribeAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("'aws cloudformation describe-stacks' failed: An error occurred (AccessDenied)", error.Message);
    }
}
