using FraudDetection.LocalStack;

namespace FraudDetection.Tests.LocalStack;

public sealed class ProcessTableTests
{
    [Fact]
    public async Task A_started_process_is_running_matches_its_markers_and_is_gone_after_terminate()
    {
        var marker = NewMarker();
        var pid = StartSleeper(marker, ignoreSigterm: false);
        await WaitForSleepAsync(pid);

        Assert.True(ProcessTable.IsRunning(pid));
        Assert.True(ProcessTable.Matches(pid, [marker, "sleep"]));
        Assert.False(ProcessTable.Matches(pid, [marker, "some-other-program"]));
        Assert.False(ProcessTable.Matches(pid, [marker[..^1]]));

        Assert.True(await ProcessTable.TerminateAsync(pid, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.False(ProcessTable.IsRunning(pid));
        Assert.False(ProcessTable.Matches(pid, [marker]));
        Assert.Empty(ProcessTable.CommandLine(pid));
    }

    [Fact]
    public async Task A_process_that_ignores_sigterm_is_killed_after_the_grace_period()
    {
        var marker = NewMarker();
        var pid = StartSleeper(marker, ignoreSigterm: true);
        await WaitForSleepAsync(pid);

        Assert.True(await ProcessTable.TerminateAsync(pid, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
        Assert.False(ProcessTable.IsRunning(pid));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Impossible_pids_are_not_running(int pid)
    {
        Assert.False(ProcessTable.IsRunning(pid));
        Assert.False(ProcessTable.Matches(pid, []));
    }

    [Fact]
    public void This_process_is_running_and_its_command_line_is_readable()
    {
        Assert.True(ProcessTable.IsRunning(Environment.ProcessId));
        Assert.NotEmpty(ProcessTable.CommandLine(Environment.ProcessId));
    }

    /// <summary>A unique marker `sleep` accepts as an argument: it sums its arguments, so "0.000…" adds next to nothing.</summary>
    private static string NewMarker() => $"0.000{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";

    /// <summary>`sleep 60 {marker}` in the background, optionally deaf to SIGTERM (an ignored signal stays ignored across exec).</summary>
    private static int StartSleeper(string marker, bool ignoreSigterm)
    {
        var script = (ignoreSigterm ? "trap '' TERM; " : string.Empty) + "exec sleep 60 \"$0\"";
        var log = Path.Combine(Path.GetTempPath(), $"fraudlab-sleeper-{marker}.log");
        return BackgroundProcess.Start(new LaunchSpec("sleeper", "/bin/sh", ["-c", script, marker], Path.GetTempPath(), log, ["sleep", marker]));
    }

    /// <summary>Waits until the shell has exec'd into sleep (so the trap is in place).</summary>
    private static async Task WaitForSleepAsync(int pid)
    {
        while (ProcessTable.CommandLine(pid) is not ["sleep", ..])
        {
            Assert.True(ProcessTable.IsRunning(pid), "the sleeper exited early");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
