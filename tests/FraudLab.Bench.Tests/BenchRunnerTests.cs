using FraudDetection.Configuration;
using FraudLab.Bench;

namespace FraudLab.Bench.Tests;

public sealed class BenchRunnerTests
{
    private static KitPaths Paths() => new(KitPaths.TryFindRoot(AppContext.BaseDirectory) ?? Environment.CurrentDirectory);

    [Fact]
    public async Task A_tiny_engine_and_memory_run_reports_real_measurements()
    {
        var lines = new List<string>();
        var runner = new BenchRunner(BenchProfile.Tiny, Paths(), new SynchronousProgress(lines));

        var report = await runner.RunAsync(["engine", "memory"], TestContext.Current.CancellationToken);

        Assert.Equal("tiny", report.Profile);
        Assert.Equal(Environment.ProcessorCount, report.Machine.Cores);
        var engine = Assert.Single(report.Results, r => r.Name == "engine, decoded events (1 core)");
        Assert.True(engine.Value > 0, "engine throughput must be measured");
        Assert.Equal("2000", engine.Settings!["events"]);
        var perAccount = Assert.Single(report.Results, r => r.Name.StartsWith("detection state per active account", StringComparison.Ordinal));
        Assert.True(perAccount.Value > 0, "state per account must be measured");
        Assert.Contains(lines, l => l.Contains("engine throughput", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_parts_are_named_in_the_error()
    {
        var runner = new BenchRunner(BenchProfile.Tiny, Paths());

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(["engine", "warp-drive"], TestContext.Current.CancellationToken));

        Assert.Contains("warp-drive", ex.Message);
        Assert.Contains("e2e", ex.Message);
    }

    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
