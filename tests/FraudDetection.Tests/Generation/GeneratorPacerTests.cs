using FraudDetection.Generation;
using Microsoft.Extensions.Time.Testing;

namespace FraudDetection.Tests.Generation;

public sealed class GeneratorPacerTests
{
    [Fact]
    public void Due_times_follow_the_schedule()
    {
        var pacer = new GeneratorPacer(4, new FakeTimeProvider());

        Assert.Equal(TimeSpan.Zero, pacer.DueOffset(0));
        Assert.Equal(TimeSpan.FromSeconds(2.5), pacer.DueOffset(10));
    }

    [Fact]
    public async Task Waits_for_the_clock_and_never_before_the_due_time()
    {
        var clock = new FakeTimeProvider();
        var pacer = new GeneratorPacer(2, clock);

        Assert.Equal(TimeSpan.Zero, await pacer.WaitNextAsync(TestContext.Current.CancellationToken));
        var second = pacer.WaitNextAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromSeconds(0.5), await second);
    }

    [Fact]
    public async Task A_stall_does_not_shift_the_schedule()
    {
        var clock = new FakeTimeProvider();
        var pacer = new GeneratorPacer(10, clock);
        await pacer.WaitNextAsync(TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromSeconds(1)); // the producer stalled for ten slots

        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(i / 10.0), await pacer.WaitNextAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Rate_zero_means_no_pacing()
    {
        var pacer = new GeneratorPacer(0, new FakeTimeProvider());

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(TimeSpan.Zero, await pacer.WaitNextAsync(TestContext.Current.CancellationToken));
        }
    }
}
