using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class StackEventTrackerTests
{
    [Fact]
    public void The_tracker_reports_each_event_once_after_the_baseline()
    {
        var events = StackEvent.ParseAll(StackFixtures.Read("describe-stack-events.json"));
        var tracker = new StackEventTracker();
        tracker.Baseline(events.Take(2));

        Assert.Equal(events.Skip(2), tracker.TakeNew(events.AsEnumerable().Reverse()));
        Assert.Empty(tracker.TakeNew(events));
    }
}
