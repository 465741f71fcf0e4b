using FraudDetection.Configuration;
using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class StackOperationsTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("fraudlab-stackops-");

    private KitPaths Paths => new(root.FullName);

    public void Dispose() => root.Delete(recursive: true);

    private StackOperations Operations(IProcessRunner runner, string? region = null, Func<string, string?>? environment = null) =>
        new(new StackOptions { Region = region }, Paths, runner, TimeProvider.System, environment ?? (_ => null));

    [Fact]
    public void The_region_comes_from_options_then_the_aws_cli_variables_then_the_default()
    {
        var environment = new Dictionary<string, string?> { ["AWS_REGION"] = "eu-west-1", ["AWS_DEFAULT_REGION"] = "eu-central-1" };
        var runner = new RecordingProcessRunner();

        Assert.Equal("ap-south-1", Operations(runner, "ap-south-1", environment.GetValueOrDefault).Target.Region);
        Assert.Equal("eu-west-1", Operations(runner, environment: environment.GetValueOrDefault).Target.Region);
        Assert.Equal("eu-central-1", Operations(runner, environment: k => k == "AWS_DEFAULT_REGION" ? "eu-central-1" : null).Target.Region);
        Assert.Equal(StackOptions.DefaultRegion, Operations(runner).Target.Region);
    }

    [Fact]
    public void Invalid_options_are_one_line_naming_the_key()
    {
        var error = Assert.Throws<KitConfigurationException>(() =>
            new StackOperations(new StackOptions { Name = "1st stack" }, Paths, new RecordingProcessRunner(), TimeProvider.System, _ => null));

        Assert.Contains("Stack:Name", error.Message);
    }

    [Fact]
    public async Task Parameters_the_second_pass_sets_are_not_taken_twice_from_the_user()
    {
        var stack = Operations(new RecordingProcessRunner());
        var deployment = stack.Deployment([new("ProcessorImageTag", "mine"), new("ProcessorCount", "2")], imageTag: "20261123-190000");

        var script = await stack.DeployScriptAsync(deployment, TestContext.Current.CancellationToken);

        var secondPass = script.Split('\n').Last(l => l.StartsWith("aws cloudformation deploy", StringComparison.Ordinal));
        Assert.EndsWith("--parameter-overrides ProcessorCount=2 ProcessorImageTag=20261123-190000 KafkaBootstrapServers=\"$KAFKA_BOOTSTRAP_SERVERS\"", secondPass);
    }

    [Fact]
    public async Task Delete_removes_the_saved_outputs_of_this_stack_only()
    {
        var runner = new RecordingProcessRunner().Answer("aws cloudformation describe-stacks", StackFixtures.Read("describe-stacks.json"));
        var saved = await Operations(runner, "eu-west-1").SaveOutputsAsync(TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Paths.AwsOutputsFile));

        var otherRegion = await Operations(runner, "us-east-1").DeleteAsync(new ListProgress<string>(), new ListProgress<StackEvent>(), TestContext.Current.CancellationToken);
        Assert.False(otherRegion);
        Assert.True(File.Exists(Paths.AwsOutputsFile));

        var same = await Operations(runner, "eu-west-1").DeleteAsync(new ListProgress<string>(), new ListProgress<StackEvent>(), TestContext.Current.CancellationToken);
        Assert.True(same);
        Assert.False(File.Exists(Paths.AwsOutputsFile));
        Assert.Contains("aws cloudformation wait stack-delete-complete --region eu-west-1 --stack-name fraudlab-workshop", runner.CommandLines);
        Assert.Equal("fraudlab-workshop", saved.Document["Stack"]!["Name"]!.GetValue<string>());
    }
}
