using FraudLab.Broker.Protocol;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Log;

/// <summary>
/// One partition: an ordered list of segments, the high watermark (next offset), the log start offset,
/// idempotence state, and a signal that fires on every append so waiting fetches answer at once.
/// Appends and reads take a short lock; data arrives as validated, offset-stamped batch bytes.
/// </summary>
internal sealed class PartitionLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<LogSegment> _segments = [];
    private readonly ProducerStateTable _producers = new();
    private readonly ILogDirectory _directory;
    private readonly TimeProvider _time;
    private TaskCompletionSource _appended = NewSignal();
    private long _highWatermark;
    private bool _closed;
    // Broker time of the last write per segment: time retention uses it rather than producer
    // timestamps, so replaying old data never gets it deleted on arrival.
    private readonly Dictionary<LogSegment, DateTimeOffset> _lastWrite = [];

    public PartitionLog(string topic, int partition, ILogDirectory directory, TimeProvider time, ILogger logger)
    {
        Topic = topic;
        Partition = partition;
        _directory = directory;
        _time = time;
        foreach (var (baseOffset, lastWrite, storage) in directory.OpenSegments(topic, partition))
        {
            var expected = _segments.Count == 0 ? baseOffset : _segments[^1].NextOffset;
            if (baseOffset != expected)
            {
                logger.LogWarning("{Topic}-{Partition}: segment {Base} does not follow offset {Expected}; it and later segments are dropped", topic, partition, baseOffset, expected);
                storage.Delete();
                continue;
            }
            var segment = new LogSegment(baseOffset, storage);
            var problem = segment.Recover(batch => _producers.Record(batch, batch.BaseOffset));
            if (problem is not null) logger.LogWarning("{Topic}-{Partition}: torn tail in segment {Base}: {Problem}", topic, partition, baseOffset, problem);
            _segments.Add(segment);
            _lastWrite[segment] = lastWrite;
        }
        if (_segments.Count == 0) Roll(0);
        LogStartOffset = _segments[0].BaseOffset;
        _highWatermark = _segments[^1].NextOffset;
    }

    public string Topic { get; }

    public int Partition { get; }

    public long LogStartOffset { get; private set; }

    /// <summary>The next offset to be written (single node: every appended batch is committed).</summary>
    public long HighWatermark => Volatile.Read(ref _highWatermark);

    public long SizeBytes { get { lock (_lock) return _segments.Sum(s => s.SizeBytes); } }

    public long MaxProducerId { get { lock (_lock) return _producers.MaxProducerId; } }

    /// <summary>Segment size at which a new segment starts (segment.bytes).</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Validates every batch in <paramref name="records"/>, then stamps offsets and stores them.
    /// All-or-nothing for validation; a retried idempotent batch returns its original offset.
    /// </summary>
    public AppendResult Append(Span<byte> records)
    {
        var count = 0;
        for (var position = 0; position < records.Length; count++)
        {
            var problem = RecordBatch.Validate(records[position..], out var batch);
            if (problem is not null)
                return AppendResult.Failed(problem.Contains("CRC") ? ErrorCode.CorruptMessage : ErrorCode.InvalidRecord, $"batch {count} at byte {position}: {problem}");
            if (batch.IsTransactional)
                return AppendResult.Failed(ErrorCode.UnsupportedForMessageFormat, "transactional batches are not supported");
            position += batch.TotalLength;
        }
        if (count == 0) return AppendResult.Failed(ErrorCode.InvalidRecord, "no record batch in the request");

        long firstOffset;
        lock (_lock)
        {
            if (_closed) return AppendResult.Failed(ErrorCode.UnknownTopicOrPartition, $"{Topic}-{Partition} was deleted");
            firstOffset = _highWatermark;
            for (var position = 0; position < records.Length;)
            {
                var bytes = records[position..];
                var batch = RecordBatch.Parse(bytes);
                bytes = bytes[..batch.TotalLength];
                position += batch.TotalLength;
                var check = _producers.Validate(batch);
                if (check.ErrorCode != ErrorCode.None) return AppendResult.Failed(check.ErrorCode, $"producer {batch.ProducerId} sequence {batch.BaseSequence}");
                if (check.DuplicateOffset is { } original)
                {
                    if (count == 1) return new AppendResult(ErrorCode.None, original, LogStartOffset, null);
                    continue;
                }
                var active = _segments[^1];
                if (!active.IsEmpty && active.SizeBytes + bytes.Length > SegmentBytes) active = Roll(_highWatermark);
                RecordBatch.AssignOffset(bytes, _highWatermark);
                batch = batch with { BaseOffset = _highWatermark };
                active.Append(bytes, batch);
                _lastWrite[active] = _time.GetUtcNow();
                _producers.Record(batch, batch.BaseOffset);
                Volatile.Write(ref _highWatermark, active.NextOffset);
            }
        }
        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        return new AppendResult(ErrorCode.None, firstOffset, LogStartOffset, null);
    }

    /// <summary>Whole stored batches from the one holding <paramref name="offset"/> (at least one, then up to <paramref name="maxBytes"/>).</summary>
    public FetchData Read(long offset, int maxBytes)
    {
        lock (_lock)
        {
            if (_closed) return new FetchData(ErrorCode.UnknownTopicOrPartition, default, null, -1, -1);
            var highWatermark = _highWatermark;
            if (offset < LogStartOffset || offset > highWatermark)
                return new FetchData(ErrorCode.OffsetOutOfRange, default, null, highWatermark, LogStartOffset);
            for (var i = FindSegment(offset); i < _segments.Count && offset < highWatermark; i++)
            {
                var (position, length) = _segments[i].Locate(offset, maxBytes);
                if (length == 0) continue;
                var bytes = _segments[i].Storage.Read(position, length, out var pooled);
                return new FetchData(ErrorCode.None, bytes, pooled, highWatermark, LogStartOffset);
            }
            return new FetchData(ErrorCode.None, default, null, highWatermark, LogStartOffset);
        }
    }

    /// <summary>Completes when the log holds data at or beyond <paramref name="offset"/>.</summary>
    public Task WaitForDataAsync(long offset)
    {
        // Signal first, then the watermark: an append landing in between completes this very signal,
        // so no wake-up is lost (the other order could wait out a whole fetch max wait).
        var signal = Volatile.Read(ref _appended).Task;
        return HighWatermark > offset ? Task.CompletedTask : signal;
    }

    /// <summary>ListOffsets: -2 earliest, -1 latest, else the first batch with a timestamp at or after the given one.</summary>
    public (long Offset, long Timestamp) OffsetForTimestamp(long timestamp)
    {
        lock (_lock)
        {
            if (timestamp == -2) return (LogStartOffset, -1);
            if (timestamp == -1) return (_highWatermark, -1);
            foreach (var segment in _segments)
                if (segment.MaxTimestamp >= timestamp && segment.FindByTimestamp(timestamp) is { } found) return found;
            return (-1, -1);
        }
    }

    /// <summary>
    /// Deletes whole oldest segments beyond the size limit or older than the time limit (-1 = unlimited);
    /// the log start offset moves past them. Returns the number of segments deleted.
    /// </summary>
    public int EnforceRetention(long retentionMs, long retentionBytes)
    {
        lock (_lock)
        {
            if (_closed) return 0;
            var now = _time.GetUtcNow();
            bool Expired(LogSegment s) => retentionMs >= 0 && !s.IsEmpty && (now - _lastWrite[s]).TotalMilliseconds > retentionMs;
            if (Expired(_segments[^1])) Roll(_highWatermark);
            var total = _segments.Sum(s => s.SizeBytes);
            var deleted = 0;
            while (_segments.Count > 1 && (Expired(_segments[0]) || (retentionBytes >= 0 && total - _segments[0].SizeBytes >= retentionBytes)))
            {
                total -= _segments[0].SizeBytes;
                _lastWrite.Remove(_segments[0]);
                _segments[0].Storage.Delete();
                _segments.RemoveAt(0);
                deleted++;
            }
            LogStartOffset = _segments[0].BaseOffset;
            return deleted;
        }
    }

    public void Flush()
    {
        lock (_lock)
            if (!_closed) _segments[^1].Storage.Flush();
    }

    /// <summary>Closes the files and wakes any waiting fetch, which then finds the partition gone (topic deleted, broker stopping).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            foreach (var segment in _segments) segment.Storage.Dispose();
        }
        _appended.TrySetResult();
    }

    private LogSegment Roll(long baseOffset)
    {
        if (_segments.Count > 0) _segments[^1].Storage.Flush(); // a full segment is synced once, when it closes
        var segment = new LogSegment(baseOffset, _directory.CreateSegment(Topic, Partition, baseOffset));
        _segments.Add(segment);
        _lastWrite[segment] = _time.GetUtcNow();
        return segment;
    }

    private int FindSegment(long offset)
    {
        var i = _segments.Count - 1;
        while (i > 0 && _segments[i].BaseOffset > offset) i--;
        return i;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Result of an append: error (with a message saying what was wrong) or the first offset assigned.</summary>
internal readonly record struct AppendResult(short ErrorCode, long BaseOffset, long LogStartOffset, string? Message)
{
    public static AppendResult Failed(short errorCode, string message) => new(errorCode, -1, -1, message);
}

/// <summary>Result of a read: stored batch bytes (in <paramref name="Pooled"/> when read from a file) and the log bounds.</summary>
internal readonly record struct FetchData(short ErrorCode, ReadOnlyMemory<byte> Bytes, byte[]? Pooled, long HighWatermark, long LogStartOffset);
