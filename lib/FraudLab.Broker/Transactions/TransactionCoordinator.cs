using FraudLab.Broker.Groups;
using FraudLab.Broker.Log;
using FraudLab.Broker.Protocol;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Transactions;

/// <summary>
/// The broker's transaction coordinator (KIP-98), for librdkafka's and kafkajs' transactional producers: hands out
/// producer ids and epochs per transactional id (a new InitProducerId bumps the epoch, aborts what the previous one left
/// open and fences it), tracks the partitions and groups of each open transaction, holds TxnOffsetCommit offsets until
/// the end, and ends a transaction by writing a commit or abort marker to every partition in it. Transactions open longer
/// than their timeout are aborted (and their producer fenced). Every change is saved before it is answered, so the state
/// survives a restart: open transactions resume, half-written ends are completed on start.
/// One lock for everything: the calls are few per transaction, and markers are small appends.
/// </summary>
internal sealed class TransactionCoordinator : IDisposable
{
    /// <summary>Kafka's transaction.max.timeout.ms.</summary>
    public const int MaxTimeoutMs = 900_000;

    private static readonly TimeSpan TimeoutCheckInterval = TimeSpan.FromMilliseconds(200);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TransactionState> _transactions = new(StringComparer.Ordinal);
    private readonly TransactionStore _store;
    private readonly TopicRegistry _topics;
    private readonly GroupCoordinator _groups;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timeoutTimer;
    private long _lastProducerId;
    private bool _disposed;

    public TransactionCoordinator(TransactionStore store, TopicRegistry topics, GroupCoordinator groups, TimeProvider time, ILogger logger)
    {
        _store = store;
        _topics = topics;
        _groups = groups;
        _time = time;
        _logger = logger;
        var saved = store.Load();
        _lastProducerId = Math.Max(saved.LastProducerId, Math.Max(topics.MaxProducerId, 0));
        foreach (var state in saved.Transactions) _transactions[state.TransactionalId] = state;
        Recover();
        _timeoutTimer = time.CreateTimer(_ => AbortExpired(), null, TimeoutCheckInterval, TimeoutCheckInterval);
    }

    /// <summary>
    /// Finishes ends a crash interrupted (markers and offsets again; both are harmless twice) and aborts open
    /// transactions found in a partition that no saved transaction owns (state lost), so no partition's last
    /// stable offset stays stuck behind them.
    /// </summary>
    private void Recover()
    {
        lock (_lock)
        {
            var ongoing = 0;
            foreach (var state in _transactions.Values)
            {
                if (state.Status is TransactionStatus.PrepareCommit or TransactionStatus.PrepareAbort)
                {
                    _logger.LogInformation("Transaction {TransactionalId}: completing the {End} interrupted by the last stop",
                        state.TransactionalId, state.Status == TransactionStatus.PrepareCommit ? "commit" : "abort");
                    Complete(state, state.Status == TransactionStatus.PrepareCommit, state.ProducerEpoch);
                }
                else if (state.Status == TransactionStatus.Ongoing) ongoing++;
            }
            var owned = _transactions.Values.Where(s => s.IsOpen)
                .SelectMany(s => s.Partitions.Select(p => (s.ProducerId, p.Topic, p.Partition))).ToHashSet();
            foreach (var topic in _topics.All)
                foreach (var partition in topic.Partitions)
                    foreach (var producerId in partition.OpenTransactionProducerIds)
                    {
                        if (owned.Contains((producerId, topic.Name, partition.Partition))) continue;
                        _logger.LogWarning("{Topic}-{Partition}: open transaction of producer {ProducerId} has no saved coordinator state; aborting it",
                            topic.Name, partition.Partition, producerId);
                        partition.WriteMarker(producerId, Math.Max(partition.ProducerEpoch(producerId), (short)0), commit: false, coordinatorEpoch: 0);
                    }
            if (_transactions.Count > 0)
                _logger.LogInformation("Transaction coordinator: loaded {Count} transactional id(s), {Ongoing} with an open transaction",
                    _transactions.Count, ongoing);
        }
    }

    /// <summary>
    /// InitProducerId: without a transactional id, a fresh idempotent producer id (epoch 0). With one, the id's
    /// producer id with its epoch bumped (a new id the first time): an open transaction of the previous epoch is
    /// aborted, and the previous producer is fenced from then on.
    /// </summary>
    public (short ErrorCode, long ProducerId, short ProducerEpoch) InitProducerId(string? transactionalId, int timeoutMs)
    {
        lock (_lock)
        {
            if (_disposed) return (ErrorCode.CoordinatorNotAvailable, -1, -1);
            if (transactionalId is null) return (ErrorCode.None, ++_lastProducerId, 0);
            if (transactionalId.Length == 0) return (ErrorCode.InvalidRequest, -1, -1);
            if (timeoutMs is <= 0 or > MaxTimeoutMs) return (ErrorCode.InvalidTransactionTimeout, -1, -1);
            if (!_transactions.TryGetValue(transactionalId, out var state))
            {
                state = new TransactionState { TransactionalId = transactionalId, ProducerId = ++_lastProducerId, ProducerEpoch = 0 };
                _transactions[transactionalId] = state;
                _logger.LogInformation("Transaction {TransactionalId}: producer id {ProducerId}", transactionalId, state.ProducerId);
            }
            else
            {
                var bumped = (short)(state.ProducerEpoch + 1);
                if (state.IsOpen)
                {
                    _logger.LogInformation("Transaction {TransactionalId}: a new producer took over; aborting the open transaction of epoch {Epoch}",
                        transactionalId, state.ProducerEpoch);
                    Complete(state, commit: false, markerEpoch: bumped);
                }
                if (bumped == short.MaxValue)
                {
                    state.ProducerId = ++_lastProducerId;
                    bumped = 0;
                }
                state.ProducerEpoch = bumped;
            }
            state.TimeoutMs = timeoutMs;
            state.Status = TransactionStatus.Empty;
            Save();
            return (ErrorCode.None, state.ProducerId, state.ProducerEpoch);
        }
    }

    /// <summary>AddPartitionsToTxn: every partition joins the open transaction (one is opened if none is).</summary>
    public IReadOnlyList<(TransactionPartition Partition, short ErrorCode)> AddPartitions(
        string transactionalId, long producerId, short epoch, IReadOnlyList<TransactionPartition> partitions, short fencedError)
    {
        lock (_lock)
        {
            var error = Check(transactionalId, producerId, epoch, fencedError, out var state);
            if (error == ErrorCode.None && partitions.Any(p => !_topics.TryGet(p.Topic, out var t) || t.Partition(p.Partition) is null))
                return [.. partitions.Select(p => (p, _topics.TryGet(p.Topic, out var t) && t.Partition(p.Partition) is not null
                    ? ErrorCode.OperationNotAttempted : ErrorCode.UnknownTopicOrPartition))];
            if (error == ErrorCode.None)
            {
                Begin(state!);
                foreach (var partition in partitions)
                    if (!state!.Partitions.Contains(partition)) state.Partitions.Add(partition);
                Save();
            }
            return [.. partitions.Select(p => (p, error))];
        }
    }

    /// <summary>AddOffsetsToTxn: the group's offsets will be committed with the transaction.</summary>
    public short AddOffsets(string transactionalId, long producerId, short epoch, string groupId, short fencedError)
    {
        lock (_lock)
        {
            var error = Check(transactionalId, producerId, epoch, fencedError, out var state);
            if (error != ErrorCode.None) return error;
            if (groupId.Length == 0) return ErrorCode.InvalidGroupId;
            Begin(state!);
            if (!state!.Groups.Contains(groupId)) state.Groups.Add(groupId);
            Save();
            return ErrorCode.None;
        }
    }

    /// <summary>TxnOffsetCommit: offsets held with the transaction, applied to the group when it commits.</summary>
    public short CommitOffsets(string transactionalId, long producerId, short epoch, string groupId,
        IReadOnlyList<OffsetCommitPartition> offsets, short fencedError)
    {
        lock (_lock)
        {
            var error = Check(transactionalId, producerId, epoch, fencedError, out var state);
            if (error != ErrorCode.None) return error;
            if (state!.Status != TransactionStatus.Ongoing || !state.Groups.Contains(groupId)) return ErrorCode.InvalidTxnState;
            foreach (var offset in offsets)
            {
                state.PendingOffsets.RemoveAll(p => p.GroupId == groupId && p.Topic == offset.Topic && p.Partition == offset.Partition);
                state.PendingOffsets.Add(new PendingOffset(groupId, offset.Topic, offset.Partition, offset.Offset, offset.Metadata));
            }
            Save();
            return ErrorCode.None;
        }
    }

    /// <summary>EndTxn: commits or aborts the open transaction. Repeating the end just made (a client retry) is accepted.</summary>
    public short EndTransaction(string transactionalId, long producerId, short epoch, bool commit, short fencedError)
    {
        lock (_lock)
        {
            var error = Check(transactionalId, producerId, epoch, fencedError, out var state);
            if (error != ErrorCode.None) return error;
            switch (state!.Status)
            {
                case TransactionStatus.Ongoing:
                    Complete(state, commit, state.ProducerEpoch);
                    return ErrorCode.None;
                case TransactionStatus.CompleteCommit when commit:
                case TransactionStatus.CompleteAbort when !commit:
                case TransactionStatus.Empty when !commit:
                    return ErrorCode.None;
                default:
                    return ErrorCode.InvalidTxnState;
            }
        }
    }

    /// <summary>
    /// Produce: a transactional batch is accepted only from the current epoch of its transactional id, into a
    /// partition added to the open transaction. Null when accepted, else the error and why.
    /// </summary>
    public (short ErrorCode, string Message)? VerifyProduce(string? transactionalId, in RecordBatch batch, string topic, int partition)
    {
        lock (_lock)
        {
            if (transactionalId is null || !_transactions.TryGetValue(transactionalId, out var state) || state.ProducerId != batch.ProducerId)
                return (ErrorCode.InvalidProducerIdMapping, $"producer {batch.ProducerId} is not transactional id '{transactionalId}'");
            if (batch.ProducerEpoch != state.ProducerEpoch)
                return (ErrorCode.InvalidProducerEpoch, $"producer {batch.ProducerId} epoch {batch.ProducerEpoch} is fenced (current epoch {state.ProducerEpoch})");
            if (state.Status != TransactionStatus.Ongoing || !state.Partitions.Contains(new TransactionPartition(topic, partition)))
                return (ErrorCode.InvalidTxnState, $"{topic}-{partition} is not in an open transaction of '{transactionalId}' (AddPartitionsToTxn first)");
            return null;
        }
    }

    /// <summary>Aborts transactions open longer than their timeout and fences their producer (epoch bumped), as Kafka does.</summary>
    public void AbortExpired()
    {
        try
        {
            lock (_lock)
            {
                if (_disposed) return;
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var state in _transactions.Values)
                {
                    if (state.Status != TransactionStatus.Ongoing || now - state.StartedAtMs <= state.TimeoutMs) continue;
                    _logger.LogWarning("Transaction {TransactionalId}: open for more than transaction.timeout.ms {Timeout} ms; aborted, producer epoch {Epoch} fenced",
                        state.TransactionalId, state.TimeoutMs, state.ProducerEpoch);
                    var bumped = (short)(state.ProducerEpoch + 1);
                    Complete(state, commit: false, markerEpoch: bumped);
                    state.ProducerEpoch = bumped;
                    Save();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Transaction timeout check failed (retried shortly): {Error}", e.Message);
        }
    }

    public void Dispose()
    {
        _timeoutTimer.Dispose();
        lock (_lock) _disposed = true;
    }

    private short Check(string transactionalId, long producerId, short epoch, short fencedError, out TransactionState? state)
    {
        state = null;
        if (_disposed) return ErrorCode.CoordinatorNotAvailable;
        if (!_transactions.TryGetValue(transactionalId, out state) || state.ProducerId != producerId) return ErrorCode.InvalidProducerIdMapping;
        return epoch != state.ProducerEpoch ? fencedError : ErrorCode.None;
    }

    private void Begin(TransactionState state)
    {
        if (state.Status == TransactionStatus.Ongoing) return;
        state.Status = TransactionStatus.Ongoing;
        state.StartedAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        state.Partitions.Clear();
        state.Groups.Clear();
        state.PendingOffsets.Clear();
    }

    /// <summary>Prepare (saved), markers to every partition, offsets to their groups on commit, complete (saved).</summary>
    private void Complete(TransactionState state, bool commit, short markerEpoch)
    {
        state.Status = commit ? TransactionStatus.PrepareCommit : TransactionStatus.PrepareAbort;
        Save();
        foreach (var partition in state.Partitions)
            if (_topics.TryGet(partition.Topic, out var topic) && topic.Partition(partition.Partition) is { } log)
                log.WriteMarker(state.ProducerId, markerEpoch, commit, coordinatorEpoch: 0);
        if (commit)
            foreach (var group in state.PendingOffsets.GroupBy(p => p.GroupId))
            {
                var results = _groups.CommitTransactionalOffsets(group.Key,
                    [.. group.Select(p => new OffsetCommitPartition(p.Topic, p.Partition, p.Offset, p.Metadata))]);
                foreach (var failed in results.Where(r => r.ErrorCode != ErrorCode.None))
                    _logger.LogError("Transaction {TransactionalId}: committing offset of {Topic}-{Partition} for group {Group} failed (error {Error})",
                        state.TransactionalId, failed.Topic, failed.Partition, group.Key, failed.ErrorCode);
            }
        _logger.LogDebug("Transaction {TransactionalId}: {End} over {Partitions} partition(s), {Offsets} offset(s)",
            state.TransactionalId, commit ? "committed" : "aborted", state.Partitions.Count, state.PendingOffsets.Count);
        state.Status = commit ? TransactionStatus.CompleteCommit : TransactionStatus.CompleteAbort;
        state.Partitions.Clear();
        state.Groups.Clear();
        state.PendingOffsets.Clear();
        Save();
    }

    private void Save() => _store.Save(_lastProducerId, _transactions.Values);
}
