namespace FraudLab.Broker.Transactions;

/// <summary>Everything the coordinator keeps about one transactional id; what the store saves. Guarded by the coordinator's lock.</summary>
internal sealed class TransactionState
{
    public required string TransactionalId { get; init; }

    public long ProducerId { get; set; }

    public short ProducerEpoch { get; set; }

    /// <summary>transaction.timeout.ms the producer asked for.</summary>
    public int TimeoutMs { get; set; }

    public TransactionStatus Status { get; set; }

    /// <summary>When the open transaction started (Unix ms, wall clock, so it survives a restart).</summary>
    public long StartedAtMs { get; set; }

    /// <summary>Partitions in the open transaction, as "topic" and partition.</summary>
    public List<TransactionPartition> Partitions { get; set; } = [];

    /// <summary>Groups added with AddOffsetsToTxn.</summary>
    public List<string> Groups { get; set; } = [];

    /// <summary>Offsets sent with TxnOffsetCommit, applied to their group on commit, dropped on abort.</summary>
    public List<PendingOffset> PendingOffsets { get; set; } = [];

    public bool IsOpen => Status is TransactionStatus.Ongoing or TransactionStatus.PrepareCommit or TransactionStatus.PrepareAbort;
}

/// <summary>A partition in a transaction.</summary>
internal sealed record TransactionPartition(string Topic, int Partition);

/// <summary>An offset committed inside a transaction, not yet applied to its group.</summary>
internal sealed record PendingOffset(string GroupId, string Topic, int Partition, long Offset, string? Metadata);
