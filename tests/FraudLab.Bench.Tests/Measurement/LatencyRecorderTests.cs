using FraudLab.Bench.Measurement;

namespace FraudLab.Bench.Tests.Measurement;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_follow_the_recorded_distribution()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 1000; ms++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = recorder.Summarize();

        Assert.Equal(1000, summary.Count);
        Assert.InRange(summary.P50Ms, 499, 501);
        Assert.InRange(summary.P90Ms, 899, 901);
        Assert.InRange(summary.P99Ms, 989, 991);
        Assert.InRange(summary.P999Ms, 998, 1000.5);
        Assert.InRange(summary.MaxMs, 999.5, 1000.5);
    }

    [Fact]
    public void Empty_recorder_summarizes_to_zero_count()
    {
        Assert.Equal(LatencySummary.Empty, new LatencyRecorder().Summarize());
    }

    [Fact]
    public void Values_beyond_range_are_clamped_and_counted()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.FromHours(2));
        recorder.Record(TimeSpan.FromTicks(1));

        Assert.Equal(1, recorder.Overflowed);
        Assert.Equal(2, recorder.Count);
        Assert.InRange(recorder.Summarize().MaxMs, 3_599_000, 3_601_000);
    }

    [Fact]
    public async Task Concurrent_recording_loses_nothing()
    {
        var recorder = new LatencyRecorder();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                recorder.Record(TimeSpan.FromMilliseconds(1 + (i % 7)));
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(40_000, recorder.Count);
    }
}
