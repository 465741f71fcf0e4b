using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>ListOffsets v0-5: -2 earliest (log start), -1 latest (high watermark, or the last stable offset for
/// isolation level read_committed, v2+), else the first batch at or after a timestamp.</summary>
internal sealed class ListOffsetsApi(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.ListOffsets;

    public short MaxVersion => 5;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        reader.ReadInt32(); // replica id
        var readCommitted = version >= 2 && reader.ReadInt8() == 1;
        if (version >= 2) response.WriteInt32(0);
        var topicCount = reader.ReadArrayCount();
        response.WriteArrayCount(topicCount);
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            broker.Topics.TryGet(name, out var topic);
            response.WriteString(name);
            var partitionCount = reader.ReadArrayCount();
            response.WriteArrayCount(partitionCount);
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                if (version >= 4) reader.ReadInt32(); // current leader epoch
                var timestamp = reader.ReadInt64();
                if (version == 0) reader.ReadInt32(); // max number of offsets: one is always enough here
                var log = topic?.Partition(index);
                var (offset, foundTimestamp) = log?.OffsetForTimestamp(timestamp, readCommitted) ?? (-1, -1);
                response.WriteInt32(index);
                response.WriteInt16(log is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.None);
                if (version == 0)
                {
                    response.WriteArrayCount(offset >= 0 ? 1 : 0);
                    if (offset >= 0) response.WriteInt64(offset);
                    continue;
                }
                response.WriteInt64(foundTimestamp);
                response.WriteInt64(offset);
                if (version >= 4) response.WriteInt32(0);
            }
        }
        return ValueTask.CompletedTask;
    }
}
