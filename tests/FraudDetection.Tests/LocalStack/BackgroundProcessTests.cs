using FraudDetection.LocalStack;

namespace FraudDetection.Tests.LocalStack;

public sealed class BackgroundProcessTests
{
    [Fact]
    public async Task Output_and_errors_go_to_the_log_and_the_pid_is_the_programs_own()
    {
        var directory = Directory.CreateTempSubdirectory("fraudlab-bg-").FullName;
        var log = Path.Combine(directory, "nested", "part.log");
        var spec = new LaunchSpec("echo", "/bin/sh", ["-c", "echo to-stdout; echo to-stderr >&2; exec sleep 30"], directory, log, ["sleep"]);

        var pid = BackgroundProcess.Start(spec);
        try
        {
            while (ProcessTable.CommandLine(pid) is not ["sleep", ..])
            {
                Assert.True(ProcessTable.IsRunning(pid), "the program exited early");
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.Equal(["to-stdout", "to-stderr"], File.ReadAllLines(log));
            Assert.Equal("to-stdout | to-stderr", BackgroundProcess.LogTail(log));
            Assert.Equal("to-stderr", BackgroundProcess.LogTail(log, lines: 1));
        }
        finally
        {
            await ProcessTable.TerminateAsync(pid, TimeSpan.FromSeconds(2), CancellationToken.None);
        }
    }

    [Fact]
    public void A_missing_program_is_a_one_line_error_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("fraudlab-bg-").FullName;
        var spec = new LaunchSpec("ghost", "/bin/sh", ["-c", "exit 0"], Path.Combine(directory, "no-such-folder"), Path.Combine(directory, "ghost.log"), ["ghost"]);

        var error = Assert.Throws<LocalStackException>(() => BackgroundProcess.Start(spec));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_tail_leads_with_the_last_error_line_and_skips_stack_frames()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("fraudlab-bg-").FullName, "crash.log");
        File.WriteAllLines(log, ["starting", "Error: Cannot find module 'x'", "    at Module._load (loader:1038)", "    at run_main_module:11", "{", "  code: 'MODULE_NOT_FOUND'", "}", "Node.js v20"]);

        Assert.Equal("Error: Cannot find module 'x' … | code: 'MODULE_NOT_FOUND' | } | Node.js v20", BackgroundProcess.LogTail(log));
    }

    [Fact]
    public void The_tail_of_a_missing_log_says_so()
    {
        Assert.Equal("(no log at /nonexistent/x.log)", BackgroundProcess.LogTail("/nonexistent/x.log"));
    }
}
