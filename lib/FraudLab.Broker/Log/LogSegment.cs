using System.Buffers;

namespace FraudLab.Broker.Log;

/// <summary>
/// A run of consecutive batches in one storage, with an in-memory index of every batch
/// (offsets, position, max timestamp). The index is dense (24-32 bytes per batch) and rebuilt by
/// the recovery scan on start, which checks every batch anyway: simpler than a sparse on-disk index.
/// Not thread-safe: <see cref="PartitionLog"/> serialises access.
/// </summary>
internal sealed class LogSegment(long baseOffset, ISegmentStorage storage)
{
    private readonly List<Entry> _entries = [];

    private readonly record struct Entry(long BaseOffset, long LastOffset, long MaxTimestamp, long Position, int Length);

    public long BaseOffset { get; } = baseOffset;

    public long NextOffset { get; private set; } = baseOffset;

    public long MaxTimestamp { get; private set; } = -1;

    public ISegmentStorage Storage { get; } = storage;

    public long SizeBytes => Storage.Length;

    public bool IsEmpty => _entries.Count == 0;

    public void Append(ReadOnlySpan<byte> batchBytes, in RecordBatch batch)
    {
        var position = Storage.Length;
        Storage.Append(batchBytes);
        Index(batch, position);
    }

    /// <summary>
    /// Contiguous stored bytes of whole batches starting with the one holding <paramref name="offset"/>:
    /// at least one batch, then more while under <paramref name="maxBytes"/>. Empty when the offset is past the end.
    /// </summary>
    /// <remarks>Only batches starting before <paramref name="endOffset"/> are included (read_committed stops at the
    /// last stable offset). Also returns the offset after the last batch included.</remarks>
    public (long Position, int Length, long NextOffset) Locate(long offset, int maxBytes, long endOffset = long.MaxValue)
    {
        var first = FindEntry(offset);
        if (first < 0 || _entries[first].BaseOffset >= endOffset) return (0, 0, offset);
        var start = _entries[first].Position;
        var end = start + _entries[first].Length;
        var last = first;
        for (var i = first + 1; i < _entries.Count && end - start + _entries[i].Length <= maxBytes && _entries[i].BaseOffset < endOffset; i++)
        {
            end += _entries[i].Length;
            last = i;
        }
        return (start, (int)(end - start), _entries[last].LastOffset + 1);
    }

    /// <summary>
    /// The first record at or after <paramref name="timestamp"/>: found in the first batch whose max timestamp
    /// reaches it, record by record when the batch is uncompressed, else that batch's first offset.
    /// </summary>
    public (long Offset, long Timestamp)? FindByTimestamp(long timestamp)
    {
        foreach (var entry in _entries)
        {
            if (entry.MaxTimestamp < timestamp) continue;
            var bytes = Storage.Read(entry.Position, entry.Length, out var pooled);
            var record = RecordBatch.FindRecordAtOrAfter(bytes.Span, timestamp);
            Return(pooled);
            return record ?? (entry.BaseOffset, entry.MaxTimestamp);
        }
        return null;
    }

    /// <summary>
    /// Scans the storage batch by batch, checking framing, offsets and CRC; cuts everything from the
    /// first bad batch on. Each good batch is shown to <paramref name="onBatch"/> (idempotence and transaction state),
    /// with its marker type when it is a control batch.
    /// Returns why it cut, or null when the segment was whole.
    /// </summary>
    public string? Recover(Action<RecordBatch, bool?> onBatch)
    {
        long position = 0;
        var length = Storage.Length;
        string? problem = null;
        while (position < length)
        {
            var header = Storage.Read(position, (int)Math.Min(RecordBatch.HeaderLength, length - position), out var pooled);
            var batchLength = header.Length == RecordBatch.HeaderLength ? RecordBatch.Parse(header.Span).BatchLength : -1;
            Return(pooled);
            if (batchLength < 0 || batchLength > length - position - RecordBatch.LogOverhead)
            {
                problem = $"batch at byte {position} is cut short";
                break;
            }
            var bytes = Storage.Read(position, RecordBatch.LogOverhead + batchLength, out pooled);
            problem = RecordBatch.Validate(bytes.Span, out var batch);
            var marker = problem is null && batch.IsControl ? RecordBatch.ReadControlType(bytes.Span) : null;
            Return(pooled);
            if (problem is null && batch.BaseOffset != NextOffset)
                problem = $"batch at byte {position} has offset {batch.BaseOffset}, expected {NextOffset}";
            if (problem is not null) break;
            Index(batch, position);
            onBatch(batch, marker);
            position += batch.TotalLength;
        }
        if (problem is null) return null;
        Storage.Truncate(position);
        return $"{problem}; truncated {length - position} bytes at byte {position} (offset {NextOffset})";
    }

    private void Index(in RecordBatch batch, long position)
    {
        var last = batch.BaseOffset + batch.LastOffsetDelta;
        _entries.Add(new Entry(batch.BaseOffset, last, batch.MaxTimestamp, position, batch.TotalLength));
        NextOffset = last + 1;
        MaxTimestamp = Math.Max(MaxTimestamp, batch.MaxTimestamp);
    }

    private int FindEntry(long offset)
    {
        int lo = 0, hi = _entries.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_entries[mid].LastOffset < offset) lo = mid + 1;
            else hi = mid - 1;
        }
        return lo < _entries.Count ? lo : -1;
    }

    private static void Return(byte[]? pooled)
    {
        if (pooled is not null) ArrayPool<byte>.Shared.Return(pooled);
    }
}
