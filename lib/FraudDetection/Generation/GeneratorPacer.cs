namespace FraudDetection.Generation;

/// <summary>
/// Paces a producer at a fixed rate in wall time, on a schedule: event i is due at start + i / rate, so a stall
/// delays the events behind it and shows up in their latency (no coordinated omission). Rate 0 or less: no pacing.
/// </summary>
public sealed class GeneratorPacer(double eventsPerSecond, TimeProvider time)
{
    // Waiting less than this is not worth a timer; such events are released in a burst.
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);

    private readonly long startTimestamp = time.GetTimestamp();
    private long count;

    /// <summary>When event <paramref name="index"/> is due, as an offset from the pacer's creation.</summary>
    public TimeSpan DueOffset(long index) => eventsPerSecond > 0 ? TimeSpan.FromSeconds(index / eventsPerSecond) : TimeSpan.Zero;

    /// <summary>Waits until the next event is due; returns its intended send offset (the time a latency should be measured from).</summary>
    public async ValueTask<TimeSpan> WaitNextAsync(CancellationToken cancellationToken = default)
    {
        var due = DueOffset(count++);
        var ahead = due - time.GetElapsedTime(startTimestamp);
        if (ahead >= MinWait)
        {
            await Task.Delay(ahead, time, cancellationToken).ConfigureAwait(false);
        }

        return due;
    }
}
