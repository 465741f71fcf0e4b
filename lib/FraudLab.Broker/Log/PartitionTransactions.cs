namespace FraudLab.Broker.Log;

/// <summary>
/// The transactions of one partition: per producer id the first offset of its open transaction (the last stable
/// offset is the smallest of them), and every aborted transaction's offset range, which read_committed fetches
/// list so clients drop those records. Rebuilt from the log on start. Not thread-safe: used under the partition's lock.
/// </summary>
internal sealed class PartitionTransactions
{
    private readonly Dictionary<long, long> _open = [];
    private readonly List<AbortedTransaction> _aborted = [];

    public IReadOnlyCollection<long> OpenProducerIds => _open.Keys;

    /// <summary>A batch was appended at <paramref name="baseOffset"/>; a transactional one opens its producer's transaction.</summary>
    public void OnBatch(in RecordBatch batch, long baseOffset)
    {
        if (batch.IsTransactional && !batch.IsControl) _open.TryAdd(batch.ProducerId, baseOffset);
    }

    public bool IsOpen(long producerId) => _open.ContainsKey(producerId);

    /// <summary>A marker was appended at <paramref name="offset"/>: the producer's transaction ends; an abort is remembered.</summary>
    public void OnMarker(long producerId, bool commit, long offset)
    {
        if (!_open.Remove(producerId, out var first)) return;
        if (!commit) _aborted.Add(new AbortedTransaction(producerId, first, offset));
    }

    /// <summary>First offset of the earliest open transaction, else <paramref name="highWatermark"/>.</summary>
    public long LastStableOffset(long highWatermark)
    {
        var lso = highWatermark;
        foreach (var first in _open.Values) lso = Math.Min(lso, first);
        return lso;
    }

    /// <summary>Aborted transactions overlapping offsets [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<AbortedTransaction> AbortedBetween(long from, long to)
    {
        List<AbortedTransaction>? found = null;
        foreach (var aborted in _aborted)
            if (aborted.LastOffset >= from && aborted.FirstOffset < to) (found ??= []).Add(aborted);
        return found ?? (IReadOnlyList<AbortedTransaction>)[];
    }

    /// <summary>Forgets aborted transactions entirely before the log start (retention deleted them).</summary>
    public void Truncate(long logStartOffset) => _aborted.RemoveAll(a => a.LastOffset < logStartOffset);
}

/// <summary>An aborted transaction in a partition: its producer, its first offset and the offset of its abort marker.</summary>
internal readonly record struct AbortedTransaction(long ProducerId, long FirstOffset, long LastOffset);
