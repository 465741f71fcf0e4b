using FraudDetection.Charts;

namespace FraudDetection.Tests.Charts;

public sealed class TimeBucketTests
{
    [Theory]
    [InlineData(30, 1)]
    [InlineData(59, 1)]
    [InlineData(60, 5)]
    [InlineData(599, 10)]
    [InlineData(600, 30)]
    [InlineData(3599, 60)]
    [InlineData(86400 * 30, 86400)]
    public void Width_is_the_smallest_that_splits_the_span_into_fewer_than_sixty_intervals(int spanSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), TimeBucket.WidthFor(TimeSpan.FromSeconds(spanSeconds)));

    [Fact]
    public void Floor_aligns_to_the_epoch_in_utc()
    {
        var local = new DateTimeOffset(2026, 11, 23, 12, 7, 42, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero), TimeBucket.Floor(local, TimeSpan.FromMinutes(5)));
    }
}
