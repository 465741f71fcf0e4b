using System.Diagnostics;
using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class StackDeployerTests
{
    private static readonly StackTarget Stack = new("fraudlab-workshop", "eu-west-1");

    private static readonly StackDeployment Deployment = new(
        Stack,
        "/kit/cfn/fraud-detection-stack.yaml",
        "/kit/lib/FraudLab.Cli/FraudLab.Cli.csproj",
        "20261123-190000",
        [new("AlertEmail", "fraud-team@example.com")]);

    private const string Describe = "aws cloudformation describe-stacks --region eu-west-1 --stack-name fraudlab-workshop";

    private const string ExpectedDeployScript = """
        aws sts get-caller-identity --region eu-west-1 --output json
        # pass 1: network, MSK, audit table, alerts, image repository, workshop host (MSK takes 20-40 minutes)
        aws cloudformation deploy --region eu-west-1 --stack-name fraudlab-workshop --template-file /kit/cfn/fraud-detection-stack.yaml --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags project=fraudlab stack=fraudlab-workshop --parameter-overrides AlertEmail=fraud-team@example.com
        KAFKA_CLUSTER_ARN=$(aws cloudformation describe-stacks --region eu-west-1 --stack-name fraudlab-workshop --query "Stacks[0].Outputs[?OutputKey=='KafkaClusterArn'].OutputValue | [0]" --output text)
        KAFKA_BOOTSTRAP_SERVERS=$(aws kafka get-bootstrap-brokers --region eu-west-1 --cluster-arn "$KAFKA_CLUSTER_ARN" --query BootstrapBrokerStringSaslScram --output text)
        PROCESSOR_IMAGE_REGISTRY=$(aws cloudformation describe-stacks --region eu-west-1 --stack-name fraudlab-workshop --query "Stacks[0].Outputs[?OutputKey=='ProcessorImageRegistry'].OutputValue | [0]" --output text)
        PROCESSOR_REPOSITORY_NAME=$(aws cloudformation describe-stacks --region eu-west-1 --stack-name fraudlab-workshop --query "Stacks[0].Outputs[?OutputKey=='ProcessorRepositoryName'].OutputValue | [0]" --output text)
        ECR_PASSWORD=$(aws ecr get-login-password --region eu-west-1)
        # publish the processor image 20261123-190000 with the .NET SDK (no Docker needed)
        DOTNET_CONTAINER_REGISTRY_UNAME=AWS DOTNET_CONTAINER_REGISTRY_PWORD="$ECR_PASSWORD" dotnet publish /kit/lib/FraudLab.Cli/FraudLab.Cli.csproj -c Release -r linux-x64 /t:PublishContainer -p:EnableSdkContainerSupport=true -p:ContainerRegistry="$PROCESSOR_IMAGE_REGISTRY" -p:ContainerRepository="$PROCESSOR_REPOSITORY_NAME" -p:ContainerImageTag=20261123-190000
        # pass 2: start the processor with its image and the brokers
        aws cloudformation deploy --region eu-west-1 --stack-name fraudlab-workshop --template-file /kit/cfn/fraud-detection-stack.yaml --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags project=fraudlab stack=fraudlab-workshop --parameter-overrides AlertEmail=fraud-team@example.com ProcessorImageTag=20261123-190000 KafkaBootstrapServers="$KAFKA_BOOTSTRAP_SERVERS"

        """;

    [Fact]
    public async Task Dry_run_deploy_prints_the_exact_commands()
    {
        var script = new ScriptSession();

        await new StackDeployer(script, watcher: null).DeployAsync(Deployment, TestContext.Current.CancellationToken);

        Assert.Equal(ExpectedDeployScript.ReplaceLineEndings("\n"), script.Script);
    }

    [Fact]
    public async Task Dry_run_delete_prints_the_exact_commands()
    {
        var script = new ScriptSession();

        await new StackDeployer(script, watcher: null).DeleteAsync(Stack, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                "aws sts get-caller-identity --region eu-west-1 --output json",
                "aws cloudformation delete-stack --region eu-west-1 --stack-name fraudlab-workshop",
                "aws cloudformation wait stack-delete-complete --region eu-west-1 --stack-name fraudlab-workshop",
            ],
            script.Lines);
    }

    [Fact]
    public async Task The_dry_run_script_is_valid_bash()
    {
        var script = new ScriptSession();
        await new StackDeployer(script, watcher: null).DeployAsync(Deployment, TestContext.Current.CancellationToken);
        var file = Path.Combine(Path.GetTempPath(), $"fraudlab-deploy-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(file, script.Script, TestContext.Current.CancellationToken);
        try
        {
            var result = await new SystemProcessRunner().RunAsync(new ProcessRequest("bash", ["-n", file], new Dictionary<string, string>()), TestContext.Current.CancellationToken);

            Assert.True(result.Succeeded, result.StandardError);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Deploy_runs_the_same_commands_with_captured_values_filled_in()
    {
        var runner = new RecordingProcessRunner()
            .Answer($"{Describe} --query Stacks[0].Outputs[?OutputKey=='KafkaClusterArn']", "arn:aws:kafka:eu-west-1:123456789012:cluster/fraudlab-workshop-kafka/5e6f\n")
            .Answer("aws kafka get-bootstrap-brokers", "b-1.kafka:9096,b-2.kafka:9096\n")
            .Answer($"{Describe} --query Stacks[0].Outputs[?OutputKey=='ProcessorImageRegistry']", "123456789012.dkr.ecr.eu-west-1.amazonaws.com\n")
            .Answer($"{Describe} --query Stacks[0].Outputs[?OutputKey=='ProcessorRepositoryName']", "fraudlab-workshop-processor\n")
            .Answer("aws ecr get-login-password", "ecr-token-not-for-logs\n");
        var log = new ListProgress<string>();

        await new StackDeployer(new ExecutingSession(runner, log), watcher: null).DeployAsync(Deployment, TestContext.Current.CancellationToken);

        var requests = runner.Requests.ToList();
        Assert.Equal(9, requests.Count);
        Assert.Equal(["get-bootstrap-brokers", "--region", "eu-west-1", "--cluster-arn", "arn:aws:kafka:eu-west-1:123456789012:cluster/fraudlab-workshop-kafka/5e6f"], requests[3].Arguments.Skip(1).Take(5));
        var publish = requests[7];
        Assert.Equal("dotnet", publish.Program);
        Assert.Contains("-p:ContainerRegistry=123456789012.dkr.ecr.eu-west-1.amazonaws.com", publish.Arguments);
        Assert.Contains("-p:ContainerRepository=fraudlab-workshop-processor", publish.Arguments);
        Assert.Equal("ecr-token-not-for-logs", publish.Environment["DOTNET_CONTAINER_REGISTRY_PWORD"]);
        Assert.Equal("AWS", publish.Environment["DOTNET_CONTAINER_REGISTRY_UNAME"]);
        Assert.Equal(["AlertEmail=fraud-team@example.com", "ProcessorImageTag=20261123-190000", "KafkaBootstrapServers=b-1.kafka:9096,b-2.kafka:9096"], requests[8].Arguments.SkipWhile(a => a != "--parameter-overrides").Skip(1));

        // The log is the dry-run script (comments aside); the password never appears in it.
        Assert.Equal(ExpectedDeployScript.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'), log.Items);
        Assert.DoesNotContain(log.Items, line => line.Contains("ecr-token-not-for-logs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_credentials_stop_the_deploy_with_one_line_that_says_what_to_do()
    {
        var runner = new RecordingProcessRunner()
            .Answer("aws sts get-caller-identity", "", exitCode: 253, error: "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n");

        var error = await Assert.ThrowsAsync<StackException>(() =>
            new StackDeployer(new ExecutingSession(runner, new ListProgress<string>()), null).DeployAsync(Deployment, TestContext.Current.CancellationToken));

        Assert.StartsWith(MissingProgram.NoCredentials, error.Message);
        Assert.Contains("Unable to locate credentials", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(runner.Requests);
    }

    [Fact]
    public async Task A_failed_deploy_names_the_command_and_the_clis_last_error_line()
    {
        var runner = new RecordingProcessRunner()
            .Answer("aws cloudformation deploy", "Waiting for changeset to be created..\n", exitCode: 255,
                error: "\nFailed to create/update the stack. Run the following command\nto fetch the list of events leading up to the failure\naws cloudformation describe-stack-events --stack-name fraudlab-workshop\n");

        var error = await Assert.ThrowsAsync<StackException>(() =>
            new StackDeployer(new ExecutingSession(runner, new ListProgress<string>()), null).DeployAsync(Deployment, TestContext.Current.CancellationToken));

        Assert.Equal($"{StackDeployer.DeployFailed} (aws cloudformation deploy: aws cloudformation describe-stack-events --stack-name fraudlab-workshop)", error.Message);
        Assert.Equal(2, runner.Requests.Count);
    }

    [Fact]
    public async Task An_empty_capture_stops_the_deploy_before_anything_uses_it()
    {
        var runner = new RecordingProcessRunner()
            .Answer($"{Describe} --query", "None\n");

        var error = await Assert.ThrowsAsync<StackException>(() =>
            new StackDeployer(new ExecutingSession(runner, new ListProgress<string>()), null).DeployAsync(Deployment, TestContext.Current.CancellationToken));

        Assert.Contains("KAFKA_CLUSTER_ARN", error.Message);
        Assert.Equal(3, runner.Requests.Count);
    }

    [Fact]
    public async Task Delete_shows_stack_events_while_it_waits()
    {
        var polls = 0;
        var runner = new RecordingProcessRunner()
            .Answer("aws cloudformation describe-stack-events", () => Interlocked.Increment(ref polls) == 1
                ? new ProcessResult(0, """{"StackEvents":[]}""", "")
                : new ProcessResult(0, StackFixtures.Read("describe-stack-events.json"), ""));
        var events = new ListProgress<StackEvent>();
        var allSeen = new TaskCompletionSource();
        events.Reported += _ => { if (events.Items.Count == 5) { allSeen.TrySetResult(); } };
        runner.Answer("aws cloudformation wait", () =>
        {
            allSeen.Task.Wait(TestContext.Current.CancellationToken);
            return new ProcessResult(0, "", "");
        });
        var aws = new AwsCliRunner(runner);
        var watcher = new StackEventWatcher(aws, Stack, events, TimeProvider.System, TimeSpan.FromMilliseconds(1));

        await new StackDeployer(new ExecutingSession(runner, new ListProgress<string>()), watcher).DeleteAsync(Stack, TestContext.Current.CancellationToken);

        Assert.Equal(["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_IN_PROGRESS"], events.Items.Select(e => e.ResourceStatus));
    }
}
