using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary><c>fraudlab stack</c> run as a real process: what the template cannot take is refused in one line before any AWS call.</summary>
public sealed class StackCommandTests
{
    private static Task<ProcessResult> Cli(params string[] arguments) =>
        ProcessRunner.RunCliAsync(arguments, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_stack_name_with_capitals_is_refused_in_one_line()
    {
        var result = await Cli("stack", "deploy", "--dry-run", "--stack-name", "FraudLab-Test", "--region", "us-east-1");

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fraudlab: error: ", error);
        Assert.Contains("Stack:Name", error);
        Assert.DoesNotContain("aws cloudformation", result.Stdout);
    }

    [Fact]
    public async Task A_region_lacking_a_resource_type_of_the_template_is_refused_in_one_line()
    {
        var result = await Cli("stack", "deploy", "--dry-run", "--region", "il-central-1");

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fraudlab: error: region 'il-central-1'", error);
    }

    [Fact]
    public async Task A_supported_region_and_a_lower_case_name_print_the_deploy_script()
    {
        var result = await Cli("stack", "deploy", "--dry-run", "--stack-name", "fraudlab-test", "--region", "eu-west-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("aws cloudformation deploy --region eu-west-1 --stack-name fraudlab-test", result.Stdout);
    }
}
