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
    private readonly PartitionTransactions _transactions = new();
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
            var problem = segment.Recover(Recovered);
            if (problem is not null) logger.LogWarning("{Topic}-{Partition}: torn tail in segment {Base}: {Problem}", topic, partition, baseOffset, problem);
            _segments.Add(segment);
            _lastWrite[segment] = lastWrite;
        }
        if (_segments.Count == 0) Roll(0);
        LogStartOffset = _segments[0].BaseOffset;
        _highWatermark = _segments[^1].NextOffset;
    }

    private void Recovered(RecordBatch batch, bool? marker)
    {
        if (batch.IsControl)
        {
            _producers.RecordMarker(batch.ProducerId, batch.ProducerEpoch);
            _transactions.OnMarker(batch.ProducerId, marker ?? false, batch.BaseOffset);
            return;
        }
        _producers.Record(batch, batch.BaseOffset);
        _transactions.OnBatch(batch, batch.BaseOffset);
    }

    public string Topic { get; }

    public int Partition { get; }

    public long LogStartOffset { get; private set; }

    /// <summary>The next offset to be written (single node: every appended batch is committed).</summary>
    public long HighWatermark => Volatile.Read(ref _highWatermark);

    /// <summary>First offset of the earliest open transaction, else the high watermark (what read_committed may read).</summary>
    public long LastStableOffset { get { lock (_lock) return _transactions.LastStableOffset(_highWatermark); } }

    /// <summary>The epoch last seen in this partition for a producer, or -1.</summary>
    public short ProducerEpoch(long producerId) { lock (_lock) return _producers.EpochOf(producerId); }

    /// <summary>Producers with a transaction open in this partition.</summary>
    public IReadOnlyList<long> OpenTransactionProducerIds { get { lock (_lock) return [.. _transactions.OpenProducerIds]; } }

    public long SizeBytes { get { lock (_lock) return _segments.Sum(s => s.SizeBytes); } }

    public long MaxProducerId { get { lock (_lock) return _producers.MaxProducerId; } }

    /// <summary>Segment size at which a new segment starts (segment.bytes).</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Validates every batch in <paramref name="records"/>, then stamps offsets and stores them.
    /// All-or-nothing for validation; a retried idempotent batch returns its original offset.
    /// Transactional batches are accepted only when <paramref name="verifyTransactional"/> (the transaction
    /// coordinator, called outside the partition's lock) answers null for them; else its error and message.
    /// </summary>
    public AppendResult Append(Span<byte> records, Func<RecordBatch, (short ErrorCode, string Message)?>? verifyTransactional = null)
    {
        var count = 0;
        for (var position = 0; position < records.Length; count++)
        {
            var problem = RecordBatch.Validate(records[position..], out var batch);
            if (problem is not null)
                return AppendResult.Failed(problem.Contains("CRC") ? ErrorCode.CorruptMessage : ErrorCode.InvalidRecord, $"batch {count} at byte {position}: {problem}");
            if (batch.IsControl)
                return AppendResult.Failed(ErrorCode.InvalidRecord, $"batch {count} is a control batch: only the broker writes transaction markers");
            if (batch.IsTransactional)
            {
                if (verifyTransactional is null)
                    return AppendResult.Failed(ErrorCode.InvalidRecord, $"batch {count} is transactional but the request has no transactional id");
                if (verifyTransactional(batch) is { } refused) return AppendResult.Failed(refused.ErrorCode, refused.Message);
            }
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
                _transactions.OnBatch(batch, batch.BaseOffset);
                Volatile.Write(ref _highWatermark, active.NextOffset);
            }
        }
        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        return new AppendResult(ErrorCode.None, firstOffset, LogStartOffset, null);
    }

    /// <summary>
    /// Appends the commit or abort marker of a producer's open transaction (nothing when it has none here, so
    /// completing a transaction again after a restart is harmless). The marker's epoch fences older epochs.
    /// </summary>
    public bool WriteMarker(long producerId, short producerEpoch, bool commit, int coordinatorEpoch)
    {
        lock (_lock)
        {
            if (_closed) return false;
            _producers.RecordMarker(producerId, producerEpoch);
            if (!_transactions.IsOpen(producerId)) return false;
            var bytes = RecordBatch.WriteControlBatch(producerId, producerEpoch, commit, coordinatorEpoch, _time.GetUtcNow().ToUnixTimeMilliseconds());
            var batch = RecordBatch.Parse(bytes) with { BaseOffset = _highWatermark };
            var active = _segments[^1];
            if (!active.IsEmpty && active.SizeBytes + bytes.Length > SegmentBytes) active = Roll(_highWatermark);
            RecordBatch.AssignOffset(bytes, _highWatermark);
            active.Append(bytes, batch);
            _lastWrite[active] = _time.GetUtcNow();
            _transactions.OnMarker(producerId, commit, batch.BaseOffset);
            Volatile.Write(ref _highWatermark, active.NextOffset);
        }
        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        return true;
    }

    /// <summary>
    /// Whole stored batches from the one holding <paramref name="offset"/> (at least one, then up to <paramref name="maxBytes"/>).
    /// With <paramref name="readCommitted"/> only batches before the last stable offset, with the aborted transactions among them.
    /// </summary>
    public FetchData Read(long offset, int maxBytes, bool readCommitted = false)
    {
        lock (_lock)
        {
            if (_closed) return new FetchData(ErrorCode.UnknownTopicOrPartition, default, null, -1, -1);
            var highWatermark = _highWatermark;
            var stable = _transactions.LastStableOffset(highWatermark);
            if (offset < LogStartOffset || offset > highWatermark)
                return new FetchData(ErrorCode.OffsetOutOfRange, default, null, highWatermark, LogStartOffset, stable);
            var end = readCommitted ? stable : highWatermark;
            for (var i = FindSegment(offset); i < _segments.Count && offset < end; i++)
            {
                var (position, length, next) = _segments[i].Locate(offset, maxBytes, end);
                if (length == 0) continue;
                var bytes = _segments[i].Storage.Read(position, length, out var pooled);
                var aborted = readCommitted ? _transactions.AbortedBetween(offset, next) : [];
                return new FetchData(ErrorCode.None, bytes, pooled, highWatermark, LogStartOffset, stable, aborted);
            }
            return new FetchData(ErrorCode.None, default, null, highWatermark, LogStartOffset, stable);
        }
    }

    /// <summary>Completes when the log holds data at or beyond <paramref name="offset"/>.</summary>
    /// <remarks>With <paramref name="readCommitted"/>: data below the last stable offset.</remarks>
    public Task WaitForDataAsync(long offset, bool readCommitted = false)
    {
        // Signal first, then the watermark: an append landing in between completes this very signal,
        // so no wake-up is lost (the other order could wait out a whole fetch max wait).
        var signal = Volatile.Read(ref _appended).Task;
        return (readCommitted ? LastStableOffset : HighWatermark) > offset ? Task.CompletedTask : signal;
    }

    /// <summary>ListOffsets: -2 earliest, -1 latest, else the first batch with a timestamp at or after the given one.</summary>
    /// <remarks>Latest is the last stable offset for <paramref name="readCommitted"/>.</remarks>
    public (long Offset, long Timestamp) OffsetForTimestamp(long timestamp, bool readCommitted = false)
    {
        lock (_lock)
        {
            if (timestamp == -2) return (LogStartOffset, -1);
            if (timestamp == -1) return (readCommitted ? _transactions.LastStableOffset(_highWatermark) : _highWatermark, -1);
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
            _transactions.Truncate(LogStartOffset);
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
/// <param name="LastStableOffset">-1 when unknown (errors); <see cref="HighWatermark"/> without open transactions.</param>
/// <param name="AbortedTransactions">Read committed only: aborted transactions among the batches returned.</param>
internal readonly record struct FetchData(short ErrorCode, ReadOnlyMemory<byte> Bytes, byte[]? Pooled, long HighWatermark, long LogStartOffset,
    long LastStableOffset = -1, IReadOnlyList<AbortedTransaction>? AbortedTransactions = null);
