namespace FraudLab.Bench.Measurement;

/// <summary>
/// The intended send time of every event at a fixed rate, decided before the run starts.
/// Latency is measured from the intended time, not from when the sender got round to it,
/// so a stall is charged to every event it delays (no coordinated omission).
/// </summary>
public sealed class FixedRateSchedule
{
    private readonly long startTimestamp;
    private readonly double ticksPerEvent;

    /// <param name="eventsPerSecond">Target rate; must be positive.</param>
    /// <param name="startTimestamp">A <see cref="TimeProvider.GetTimestamp"/> value: event 0 is due then.</param>
    /// <param name="timestampFrequency">Ticks per second of that timestamp.</param>
    public FixedRateSchedule(double eventsPerSecond, long startTimestamp, long timestampFrequency)
    {
        if (!(eventsPerSecond > 0) || double.IsInfinity(eventsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond, "rate must be a positive number of events per second");
        }

        EventsPerSecond = eventsPerSecond;
        this.startTimestamp = startTimestamp;
        TimestampFrequency = timestampFrequency;
        ticksPerEvent = timestampFrequency / eventsPerSecond;
    }

    public double EventsPerSecond { get; }

    public long TimestampFrequency { get; }

    /// <summary>Timestamp at which event <paramref name="index"/> is due.</summary>
    public long DueTimestamp(long index) => startTimestamp + (long)(index * ticksPerEvent);

    /// <summary>How many events are due at <paramref name="nowTimestamp"/> (events 0 .. n-1).</summary>
    public long DueCount(long nowTimestamp) =>
        nowTimestamp < startTimestamp ? 0 : (long)((nowTimestamp - startTimestamp) / ticksPerEvent) + 1;

    /// <summary>Latency of an event measured from its due time.</summary>
    public TimeSpan LatencyFromDue(long index, long completedTimestamp) =>
        TimeSpan.FromSeconds((double)(completedTimestamp - DueTimestamp(index)) / TimestampFrequency);
}
