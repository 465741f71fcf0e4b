using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>OffsetCommit v0-7: committed offsets are the next offset to read, kept by the group coordinator.</summary>
internal sealed class OffsetCommitApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetCommit;

    public short MaxVersion => 7;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var commit = Parse(request);
        var errors = groups.CommitOffsets(commit).ToDictionary(r => (r.Topic, r.Partition), r => r.ErrorCode);
        if (request.Version >= 3) response.WriteInt32(0);
        var topics = commit.Partitions.GroupBy(p => p.Topic).ToList();
        response.WriteArrayCount(topics.Count);
        foreach (var topic in topics)
        {
            response.WriteString(topic.Key);
            response.WriteArrayCount(topic.Count());
            foreach (var partition in topic)
            {
                response.WriteInt32(partition.Partition);
                response.WriteInt16(errors.GetValueOrDefault((topic.Key, partition.Partition), ErrorCode.UnknownTopicOrPartition));
            }
        }
        return ValueTask.CompletedTask;
    }

    private static OffsetCommitRequest Parse(Request request)
    {
        var version = request.Version;
        var reader = request.Reader();
        var groupId = reader.ReadString();
        var generationId = version >= 1 ? reader.ReadInt32() : -1;
        var memberId = version >= 1 ? reader.ReadString() : "";
        if (version >= 7) reader.ReadNullableString(); // group instance id
        if (version is >= 2 and <= 4) reader.ReadInt64(); // retention time: offsets are kept while the group exists
        var partitions = new List<OffsetCommitPartition>();
        var topicCount = reader.ReadArrayCount();
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            var partitionCount = reader.ReadArrayCount();
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var offset = reader.ReadInt64();
                if (version >= 6) reader.ReadInt32(); // committed leader epoch
                if (version == 1) reader.ReadInt64(); // commit timestamp
                partitions.Add(new OffsetCommitPartition(topic, index, offset, reader.ReadNullableString()));
            }
        }
        return new OffsetCommitRequest(groupId, generationId, memberId, partitions);
    }
}
