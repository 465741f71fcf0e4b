namespace FraudDetection.Detection.Windows;

/// <summary>
/// One account's recent transactions, ordered by event time, in a growable ring buffer.
/// In-order arrivals append in O(1); an out-of-order arrival is shifted into place (it is rare and the window short).
/// Among equal event times, arrival order is kept. Capacity halves when three quarters sit unused, so a burst does not pin memory.
/// </summary>
internal sealed class TransactionWindow
{
    private const int MinCapacity = 4;

    private WindowEntry[] buffer = new WindowEntry[MinCapacity];
    private int head;

    public int Count { get; private set; }

    public int Capacity => buffer.Length;

    /// <summary>Entry <paramref name="index"/> counting from the oldest.</summary>
    public ref readonly WindowEntry this[int index] => ref buffer[(head + index) & (buffer.Length - 1)];

    /// <summary>Inserts after every entry with the same or an earlier time; returns its index.</summary>
    public int Insert(in WindowEntry entry)
    {
        if (Count == buffer.Length)
        {
            Resize(buffer.Length * 2);
        }

        var mask = buffer.Length - 1;
        var index = Count;
        while (index > 0 && buffer[(head + index - 1) & mask].Ticks > entry.Ticks)
        {
            buffer[(head + index) & mask] = buffer[(head + index - 1) & mask];
            index--;
        }

        buffer[(head + index) & mask] = entry;
        Count++;
        return index;
    }

    /// <summary>
    /// Removes entries older than <paramref name="cutoffTicks"/>; returns how many. The newest removed entry with a
    /// location replaces <paramref name="lastLocated"/>, so "the previous location" outlives the window.
    /// </summary>
    public int EvictBefore(long cutoffTicks, ref WindowEntry lastLocated)
    {
        var removed = 0;
        while (Count > 0 && buffer[head].Ticks < cutoffTicks)
        {
            if (buffer[head].HasLocation)
            {
                lastLocated = buffer[head];
            }

            head = (head + 1) & (buffer.Length - 1);
            Count--;
            removed++;
        }

        if (buffer.Length > MinCapacity && Count < buffer.Length / 4)
        {
            Resize(buffer.Length / 2);
        }

        return removed;
    }

    /// <summary>First index whose time is at or after <paramref name="fromTicks"/> (Count when none).</summary>
    public int FirstAtOrAfter(long fromTicks)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (this[mid].Ticks < fromTicks)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Resize(int capacity)
    {
        var next = new WindowEntry[capacity];
        for (var i = 0; i < Count; i++)
        {
            next[i] = this[i];
        }

        buffer = next;
        head = 0;
    }
}
