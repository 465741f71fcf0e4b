using FraudLab.Bench.Measurement;
using FraudLab.Bench.Reporting;

namespace FraudLab.Bench.Tests.Reporting;

public sealed class BenchReportWriterTests
{
    private static BenchReport Sample() => new(
        new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero),
        TimeSpan.FromSeconds(95),
        "quick",
        new MachineInfo(2, 24L * 1024 * 1024 * 1024, "Debian 12", "X64", ".NET 10.0.0", "2.16.0", "2.16.0"),
        [
            new BenchResult("engine, decoded events", 1_250_000, "events/s", Target: 1_000_000),
            new BenchResult("end to end p99 at 10k/s", 25.5, "ms", Target: 20, HigherIsBetter: false,
                Latency: new LatencySummary(600_000, 2.1, 5.2, 25.5, 40.25, 61), Notes: "GC pauses in the processor"),
            new BenchResult("audit sink", 4200, "items/s"),
        ]);

    [Fact]
    public void Json_round_trips()
    {
        var report = Sample();

        var back = BenchReportWriter.FromJson(BenchReportWriter.ToJson(report));

        Assert.Equal(report.Machine, back.Machine);
        Assert.Equal(report.Results.Count, back.Results.Count);
        Assert.Equal(report.Results[1].Latency, back.Results[1].Latency);
        Assert.Equal(report.StartedAt, back.StartedAt);
    }

    [Fact]
    public void Markdown_has_one_row_per_result_with_target_and_verdict()
    {
        var md = BenchReportWriter.ToMarkdown(Sample());
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, rows.Count); // header + 3 results
        Assert.Contains("| engine, decoded events | 1,250,000 events/s |", md);
        Assert.Contains("≥ 1,000,000 events/s | yes |", md);
        Assert.Contains("2.1 / 5.2 / 25.5 / 40.25 / 61", md);
        Assert.Contains("≤ 20 ms | **no** |", md);
        Assert.Contains("- end to end p99 at 10k/s: GC pauses in the processor", md);
        Assert.Contains("2026-11-23", md);
        Assert.Contains("2 cores", md);
    }

    [Fact]
    public void Write_creates_both_files()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fraudlab-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (json, markdown) = BenchReportWriter.Write(Sample(), dir);

            Assert.Equal("results.json", Path.GetFileName(json));
            Assert.Contains("\"profile\": \"quick\"", File.ReadAllText(json));
            Assert.StartsWith("Measured 2026-11-23", File.ReadAllText(markdown));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
