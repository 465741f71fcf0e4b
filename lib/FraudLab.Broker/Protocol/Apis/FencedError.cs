namespace FraudLab.Broker.Protocol.Apis;

/// <summary>What a fenced (old-epoch) transactional producer is told: PRODUCER_FENCED from the request versions that
/// know it (v2 of AddPartitionsToTxn, AddOffsetsToTxn, EndTxn and TxnOffsetCommit, KIP-588), INVALID_PRODUCER_EPOCH before.</summary>
internal static class FencedError
{
    public static short For(short version) => version >= 2 ? ErrorCode.ProducerFenced : ErrorCode.InvalidProducerEpoch;
}
