namespace FraudLab.Broker.Transactions;

/// <summary>Where a transactional id's current transaction stands (Kafka's transaction states, less the ones a
/// single node passes through in one call).</summary>
internal enum TransactionStatus
{
    /// <summary>No transaction open (after InitProducerId, or once one completed).</summary>
    Empty,
    /// <summary>Partitions or a group were added: a transaction is open.</summary>
    Ongoing,
    /// <summary>EndTxn(commit) accepted; markers being written. Completed on start if the broker died here.</summary>
    PrepareCommit,
    /// <summary>An abort (EndTxn, fencing or timeout) accepted; markers being written.</summary>
    PrepareAbort,
    CompleteCommit,
    CompleteAbort,
}
