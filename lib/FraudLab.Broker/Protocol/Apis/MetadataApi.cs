using FraudLab.Broker.Log;
using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>Metadata v0-8: this node as the only broker, leader of every partition; auto-creates topics when allowed.</summary>
internal sealed class MetadataApi(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.Metadata;

    public short MaxVersion => 8;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var count = reader.ReadArrayCount();
        var names = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++) names.Add(reader.ReadString());
        var allowAutoCreate = version < 4 || reader.ReadBool();
        var allTopics = count < 0 || (version == 0 && count == 0);

        if (version >= 3) response.WriteInt32(0);
        response.WriteArrayCount(1);
        response.WriteInt32(BrokerContext.NodeId);
        response.WriteString(broker.AdvertisedHost);
        response.WriteInt32(broker.Port);
        if (version >= 1) response.WriteNullableString(null);
        if (version >= 2) response.WriteNullableString(BrokerContext.ClusterId);
        if (version >= 1) response.WriteInt32(BrokerContext.NodeId);

        var topics = allTopics
            ? broker.Topics.All.Select(t => (t.Name, Topic: (Topic?)t)).ToList()
            : names.Distinct().Select(n => (Name: n, Topic: broker.Topics.GetOrAutoCreate(n, allowAutoCreate))).ToList();
        response.WriteArrayCount(topics.Count);
        foreach (var (name, topic) in topics)
        {
            response.WriteInt16(topic is not null ? ErrorCode.None
                : TopicRegistry.ValidateName(name) is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.InvalidTopic);
            response.WriteString(name);
            if (version >= 1) response.WriteBool(false);
            var partitions = topic?.Partitions.Count ?? 0;
            response.WriteArrayCount(partitions);
            for (var p = 0; p < partitions; p++)
            {
                response.WriteInt16(ErrorCode.None);
                response.WriteInt32(p);
                response.WriteInt32(BrokerContext.NodeId);
                if (version >= 7) response.WriteInt32(0);
                WriteSelf(response);
                WriteSelf(response);
                if (version >= 5) response.WriteArrayCount(0);
            }
            if (version >= 8) response.WriteInt32(int.MinValue);
        }
        if (version >= 8) response.WriteInt32(int.MinValue);
        return ValueTask.CompletedTask;
    }

    private static void WriteSelf(ResponseWriter response)
    {
        response.WriteArrayCount(1);
        response.WriteInt32(BrokerContext.NodeId);
    }
}
