using FraudLab.Broker.Server;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>CreateTopics v0-4: validates names, partitions, replication factor 1 (or -1) and configs.</summary>
internal sealed class CreateTopicsApi(BrokerContext broker, ILogger logger) : IApiHandler
{
    public ApiKey Key => ApiKey.CreateTopics;

    public short MaxVersion => 4;

    private sealed record TopicRequest(string Name, int Partitions, short ReplicationFactor, List<List<int>> Assignments, Dictionary<string, string?> Configs);

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var count = reader.ReadArrayCount();
        var topics = new List<TopicRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var partitions = reader.ReadInt32();
            var replicationFactor = reader.ReadInt16();
            var assignments = new List<List<int>>();
            var assignmentCount = reader.ReadArrayCount();
            for (var a = 0; a < assignmentCount; a++)
            {
                reader.ReadInt32(); // partition index: assignments are taken in order
                assignments.Add(reader.ReadInt32Array());
            }
            var configs = new Dictionary<string, string?>(StringComparer.Ordinal);
            var configCount = reader.ReadArrayCount();
            for (var c = 0; c < configCount; c++) configs[reader.ReadString()] = reader.ReadNullableString();
            topics.Add(new TopicRequest(name, partitions, replicationFactor, assignments, configs));
        }
        reader.ReadInt32(); // timeout
        var validateOnly = version >= 1 && reader.ReadBool();

        if (version >= 2) response.WriteInt32(0);
        response.WriteArrayCount(topics.Count);
        foreach (var topic in topics)
        {
            var (error, message) = topics.Count(t => t.Name == topic.Name) > 1
                ? (ErrorCode.InvalidRequest, $"topic '{topic.Name}' appears more than once in the request")
                : Create(topic, validateOnly);
            if (error != ErrorCode.None)
                logger.LogWarning("CreateTopics v{Version} of {Topic} refused (error {Error}): {Message}", version, topic.Name, error, message);
            response.WriteString(topic.Name);
            response.WriteInt16(error);
            if (version >= 1) response.WriteNullableString(message);
        }
        return ValueTask.CompletedTask;
    }

    private (short, string?) Create(TopicRequest topic, bool validateOnly)
    {
        if (topic.Assignments.Count > 0)
        {
            if (topic.Partitions != -1 || topic.ReplicationFactor != -1)
                return (ErrorCode.InvalidRequest, "give either replica assignments or partitions and replication factor, not both");
            if (topic.Assignments.Any(replicas => replicas is not [BrokerContext.NodeId]))
                return (ErrorCode.InvalidReplicationFactor, $"every partition must have exactly one replica, on broker {BrokerContext.NodeId}");
            return broker.Topics.Create(topic.Name, topic.Assignments.Count, topic.Configs, validateOnly);
        }
        if (topic.ReplicationFactor is not (1 or -1))
            return (ErrorCode.InvalidReplicationFactor, $"replication factor {topic.ReplicationFactor} is impossible on a single broker; use 1");
        return broker.Topics.Create(topic.Name, topic.Partitions, topic.Configs, validateOnly);
    }
}
