using FraudLab.Broker.Transactions;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>AddPartitionsToTxn v0-2: partitions a transactional producer is about to write join its open transaction.</summary>
internal sealed class AddPartitionsToTxnApi(TransactionCoordinator transactions) : IApiHandler
{
    public ApiKey Key => ApiKey.AddPartitionsToTxn;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var transactionalId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var partitions = new List<TransactionPartition>();
        var topicCount = reader.ReadArrayCount();
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            foreach (var index in reader.ReadInt32Array()) partitions.Add(new TransactionPartition(topic, index));
        }
        var results = transactions.AddPartitions(transactionalId, producerId, epoch, partitions, FencedError.For(request.Version));
        response.WriteInt32(0);
        var byTopic = results.GroupBy(r => r.Partition.Topic).ToList();
        response.WriteArrayCount(byTopic.Count);
        foreach (var topic in byTopic)
        {
            response.WriteString(topic.Key);
            response.WriteArrayCount(topic.Count());
            foreach (var (partition, error) in topic)
            {
                response.WriteInt32(partition.Partition);
                response.WriteInt16(error);
            }
        }
        return ValueTask.CompletedTask;
    }
}
