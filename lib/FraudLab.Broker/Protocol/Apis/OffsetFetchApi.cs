using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>OffsetFetch v0-5: committed offsets of the asked partitions (or all of the group's, v2+ with a null list); -1 when none.</summary>
internal sealed class OffsetFetchApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetFetch;

    public short MaxVersion => 5;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var groupId = reader.ReadString();
        var topicCount = reader.ReadArrayCount();
        var asked = new List<(string Topic, List<int> Partitions)>(Math.Max(topicCount, 0));
        for (var t = 0; t < topicCount; t++) asked.Add((reader.ReadString(), reader.ReadInt32Array()));

        var answers = topicCount < 0
            ? groups.FetchOffsets(groupId).GroupBy(o => o.Topic)
                .Select(g => (Topic: g.Key, Partitions: g.Select(o => (o.Partition, Result: new OffsetFetchPartitionResult(o.Offset, o.Metadata, ErrorCode.None))).ToList()))
                .ToList()
            : asked.Select(a => (a.Topic, Partitions: a.Partitions.Select(p => (Partition: p, Result: groups.FetchOffset(groupId, a.Topic, p))).ToList())).ToList();

        if (version >= 3) response.WriteInt32(0);
        response.WriteArrayCount(answers.Count);
        foreach (var (topic, partitions) in answers)
        {
            response.WriteString(topic);
            response.WriteArrayCount(partitions.Count);
            foreach (var (partition, result) in partitions)
            {
                response.WriteInt32(partition);
                response.WriteInt64(result.Offset);
                if (version >= 5) response.WriteInt32(-1); // committed leader epoch: unknown
                response.WriteNullableString(result.Metadata);
                response.WriteInt16(result.ErrorCode);
            }
        }
        if (version >= 2) response.WriteInt16(ErrorCode.None);
        return ValueTask.CompletedTask;
    }
}
