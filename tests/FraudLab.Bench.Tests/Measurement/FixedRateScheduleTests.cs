using FraudLab.Bench.Measurement;

namespace FraudLab.Bench.Tests.Measurement;

public sealed class FixedRateScheduleTests
{
    private const long Frequency = 1_000_000; // one tick per microsecond

    [Fact]
    public void Due_times_are_evenly_spaced_from_the_start()
    {
        var schedule = new FixedRateSchedule(1000, startTimestamp: 5_000, Frequency);

        Assert.Equal(5_000, schedule.DueTimestamp(0));
        Assert.Equal(6_000, schedule.DueTimestamp(1));
        Assert.Equal(5_000 + 1_000_000, schedule.DueTimestamp(1000));
    }

    [Fact]
    public void Due_count_includes_every_event_whose_time_has_come()
    {
        var schedule = new FixedRateSchedule(1000, startTimestamp: 0, Frequency);

        Assert.Equal(1, schedule.DueCount(0));
        Assert.Equal(1, schedule.DueCount(999));
        Assert.Equal(2, schedule.DueCount(1_000));
        Assert.Equal(0, new FixedRateSchedule(1000, startTimestamp: 10, Frequency).DueCount(9));
    }

    [Fact]
    public void A_stall_is_charged_to_every_event_it_delays()
    {
        // 1000 events/s; the sender stalls for 100 ms and then sends events 0..99 at once at t = 100 ms.
        var schedule = new FixedRateSchedule(1000, startTimestamp: 0, Frequency);
        var completed = 100_000L;

        var first = schedule.LatencyFromDue(0, completed);
        var fiftieth = schedule.LatencyFromDue(50, completed);

        Assert.Equal(TimeSpan.FromMilliseconds(100), first);
        Assert.Equal(TimeSpan.FromMilliseconds(50), fiftieth);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_rate_that_is_not_a_positive_number(double rate)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FixedRateSchedule(rate, 0, Frequency));
        Assert.Contains("positive", ex.Message);
    }
}
