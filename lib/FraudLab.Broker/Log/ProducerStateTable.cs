using FraudLab.Broker.Protocol;

namespace FraudLab.Broker.Log;

/// <summary>
/// Idempotent-producer bookkeeping of one partition: per producer id, its epoch and its last five
/// batches (as Kafka keeps), so a retried batch is answered with its original offset and a gap in
/// sequence numbers is refused. Not thread-safe: used under the partition's lock.
/// </summary>
internal sealed class ProducerStateTable
{
    private const int RememberedBatches = 5;
    private readonly Dictionary<long, ProducerState> _producers = [];

    private sealed class ProducerState(short epoch)
    {
        public short Epoch = epoch;
        public readonly Queue<(int FirstSequence, int LastSequence, long BaseOffset)> Recent = new();
    }

    /// <summary>The outcome of checking a batch before it is appended.</summary>
    public readonly record struct Check(short ErrorCode, long? DuplicateOffset)
    {
        public static readonly Check Accept = new(Protocol.ErrorCode.None, null);
    }

    public Check Validate(in RecordBatch batch)
    {
        if (!batch.IsIdempotent || !_producers.TryGetValue(batch.ProducerId, out var state)) return Check.Accept;
        if (batch.ProducerEpoch < state.Epoch) return new Check(ErrorCode.InvalidProducerEpoch, null);
        if (batch.ProducerEpoch > state.Epoch)
            return batch.BaseSequence == 0 ? Check.Accept : new Check(ErrorCode.OutOfOrderSequenceNumber, null);
        foreach (var (first, last, offset) in state.Recent)
            if (first == batch.BaseSequence && last == batch.LastSequence) return new Check(ErrorCode.None, offset);
        var expected = state.Recent.Count == 0 ? 0 : unchecked(state.Recent.Last().LastSequence + 1);
        if (expected < 0) expected = 0; // sequences wrap at int.MaxValue back to 0
        return batch.BaseSequence == expected ? Check.Accept : new Check(ErrorCode.OutOfOrderSequenceNumber, null);
    }

    public void Record(in RecordBatch batch, long baseOffset)
    {
        if (!batch.IsIdempotent) return;
        if (!_producers.TryGetValue(batch.ProducerId, out var state) || batch.ProducerEpoch > state.Epoch)
            _producers[batch.ProducerId] = state = new ProducerState(batch.ProducerEpoch);
        if (state.Recent.Count == RememberedBatches) state.Recent.Dequeue();
        state.Recent.Enqueue((batch.BaseSequence, batch.LastSequence, baseOffset));
    }

    /// <summary>
    /// A transaction marker of <paramref name="epoch"/> was written: a newer epoch fences every older one (a zombie's
    /// batches then get INVALID_PRODUCER_EPOCH) and its sequences start again at 0.
    /// </summary>
    public void RecordMarker(long producerId, short epoch)
    {
        if (!_producers.TryGetValue(producerId, out var state) || epoch > state.Epoch)
            _producers[producerId] = new ProducerState(epoch);
    }

    /// <summary>The epoch last seen for a producer, or -1.</summary>
    public short EpochOf(long producerId) => _producers.TryGetValue(producerId, out var state) ? state.Epoch : (short)-1;

    /// <summary>The largest producer id seen, so ids handed out after a restart never collide.</summary>
    public long MaxProducerId => _producers.Count == 0 ? -1 : _producers.Keys.Max();
}
