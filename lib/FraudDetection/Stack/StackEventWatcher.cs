namespace FraudDetection.Stack;

/// <summary>Shows a stack's events as progress while a long AWS CLI command (deploy, wait) runs.</summary>
public sealed class StackEventWatcher(AwsCliRunner aws, StackTarget stack, IProgress<StackEvent> progress, TimeProvider time, TimeSpan interval)
{
    private const int EventsPerPoll = 100;
    private readonly StackEventTracker tracker = new();

    /// <summary>Marks the stack's existing events as seen, so only what the next operation causes is shown.</summary>
    public async Task BaselineAsync(CancellationToken cancellationToken) => tracker.Baseline(await PollAsync(cancellationToken));

    /// <summary>Polls until cancelled (when the watched command ends), reporting new events oldest first.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);
            foreach (var stackEvent in tracker.TakeNew(await PollAsync(cancellationToken)))
            {
                progress.Report(stackEvent);
            }
        }
    }

    /// <summary>A stack that does not exist yet (first deploy) or a transient error yields no events; polling goes on.</summary>
    private async Task<IReadOnlyList<StackEvent>> PollAsync(CancellationToken cancellationToken)
    {
        var json = await aws.TryRunAsync(AwsCli.DescribeStackEvents(stack, EventsPerPoll), cancellationToken);
        try
        {
            return json is null ? [] : StackEvent.ParseAll(json);
        }
        catch (StackException)
        {
            return [];
        }
    }
}
