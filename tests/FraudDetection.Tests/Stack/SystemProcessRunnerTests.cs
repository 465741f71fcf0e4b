using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class SystemProcessRunnerTests
{
    [Fact]
    public async Task Runs_a_real_process_and_captures_its_output_exit_code_and_environment()
    {
        var request = new ProcessRequest("sh", ["-c", "echo \"out $FRAUDLAB_TEST_VALUE\"; echo err >&2; exit 3"],
            new Dictionary<string, string> { ["FRAUDLAB_TEST_VALUE"] = "from-env" });

        var result = await new SystemProcessRunner().RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out from-env\n", result.StandardOutput);
        Assert.Equal("err", result.ErrorSummary);
    }

    [Fact]
    public async Task A_missing_program_is_one_line_saying_what_to_install()
    {
        var error = await Assert.ThrowsAsync<StackException>(() =>
            new SystemProcessRunner().RunAsync(new ProcessRequest("fraudlab-no-such-program", [], new Dictionary<string, string>()), TestContext.Current.CancellationToken));

        Assert.Equal("'fraudlab-no-such-program' is not installed or not on PATH", error.Message);
    }

    [Fact]
    public void The_missing_aws_cli_message_says_how_to_install_and_configure_it()
    {
        var message = MissingProgram.Message(AwsCli.Program);

        Assert.Contains(MissingProgram.AwsCliInstallUrl, message);
        Assert.Contains("aws configure", message);
        Assert.DoesNotContain('\n', message);
    }
}
