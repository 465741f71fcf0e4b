namespace FraudDetection.Detection.Windows;

/// <summary>
/// Everything the engine keeps for one account: its newest event time (the account's watermark is that minus the
/// allowed lateness), its window of recent transactions and the last location that already left the window.
/// </summary>
internal sealed class AccountState
{
    public long MaxTicks { get; private set; } = long.MinValue;

    public TransactionWindow Window { get; } = new();

    /// <summary>Newest located transaction evicted from <see cref="Window"/> (<see cref="WindowEntry.None"/> if none).</summary>
    public WindowEntry PreviousLocation = WindowEntry.None;

    public void Observe(long ticks)
    {
        if (ticks > MaxTicks)
        {
            MaxTicks = ticks;
        }
    }

    /// <summary>Drops window entries before <paramref name="windowCutoff"/> and a remembered location before <paramref name="locationCutoff"/>.</summary>
    public int Evict(long windowCutoff, long locationCutoff)
    {
        var removed = Window.EvictBefore(windowCutoff, ref PreviousLocation);
        if (PreviousLocation.Ticks < locationCutoff)
        {
            PreviousLocation = WindowEntry.None;
        }

        return removed;
    }

    /// <summary>Nothing left worth keeping.</summary>
    public bool IsEmpty => Window.Count == 0 && !PreviousLocation.HasLocation;
}
