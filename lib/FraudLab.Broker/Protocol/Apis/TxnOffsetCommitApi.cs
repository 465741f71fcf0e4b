using FraudLab.Broker.Groups;
using FraudLab.Broker.Transactions;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>TxnOffsetCommit v0-2: offsets held with the open transaction, applied to the group only if it commits.</summary>
internal sealed class TxnOffsetCommitApi(TransactionCoordinator transactions) : IApiHandler
{
    public ApiKey Key => ApiKey.TxnOffsetCommit;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var transactionalId = reader.ReadString();
        var groupId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var offsets = new List<OffsetCommitPartition>();
        var topicCount = reader.ReadArrayCount();
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            var partitionCount = reader.ReadArrayCount();
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var offset = reader.ReadInt64();
                if (version >= 2) reader.ReadInt32(); // committed leader epoch
                offsets.Add(new OffsetCommitPartition(topic, index, offset, reader.ReadNullableString()));
            }
        }
        var error = transactions.CommitOffsets(transactionalId, producerId, epoch, groupId, offsets, FencedError.For(version));
        response.WriteInt32(0);
        var byTopic = offsets.GroupBy(o => o.Topic).ToList();
        response.WriteArrayCount(byTopic.Count);
        foreach (var topic in byTopic)
        {
            response.WriteString(topic.Key);
            response.WriteArrayCount(topic.Count());
            foreach (var offset in topic)
            {
                response.WriteInt32(offset.Partition);
                response.WriteInt16(error);
            }
        }
        return ValueTask.CompletedTask;
    }
}
