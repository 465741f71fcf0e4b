using System.Globalization;
using FraudLab.Broker.Admin;
using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>DescribeConfigs v0-1 for topics (resource type 2) and this broker (type 4, name "0" or "").</summary>
internal sealed class DescribeConfigsApi(BrokerContext broker) : IApiHandler
{
    private const sbyte TopicResource = 2;
    private const sbyte BrokerResource = 4;
    private readonly ConfigDescriber _describer = new(broker);

    public ApiKey Key => ApiKey.DescribeConfigs;

    public short MaxVersion => 1;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var count = reader.ReadArrayCount();
        var resources = new List<(sbyte Type, string Name, HashSet<string>? Keys)>(count);
        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadInt8();
            var name = reader.ReadString();
            var keyCount = reader.ReadArrayCount();
            HashSet<string>? keys = keyCount < 0 ? null : new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < keyCount; k++) keys!.Add(reader.ReadString());
            resources.Add((type, name, keys));
        }
        var includeSynonyms = version >= 1 && reader.ReadBool();

        response.WriteInt32(0);
        response.WriteArrayCount(resources.Count);
        foreach (var (type, name, keys) in resources)
        {
            var (error, message, entries) = Describe(type, name);
            var selected = entries.Where(e => keys is null || keys.Count == 0 || keys.Contains(e.Name)).ToList();
            response.WriteInt16(error);
            response.WriteNullableString(message);
            response.WriteInt8(type);
            response.WriteString(name);
            response.WriteArrayCount(selected.Count);
            foreach (var entry in selected)
            {
                response.WriteString(entry.Name);
                response.WriteNullableString(entry.Value);
                response.WriteBool(entry.ReadOnly);
                if (version == 0) response.WriteBool(entry.IsDefault);
                else response.WriteInt8((sbyte)entry.Source);
                response.WriteBool(false); // sensitive
                if (version == 0) continue;
                response.WriteArrayCount(includeSynonyms ? 1 : 0);
                if (!includeSynonyms) continue;
                response.WriteString(entry.Name);
                response.WriteNullableString(entry.Value);
                response.WriteInt8((sbyte)entry.Source);
            }
        }
        return ValueTask.CompletedTask;
    }

    private (short, string?, IReadOnlyList<ConfigEntry>) Describe(sbyte type, string name) => type switch
    {
        TopicResource when broker.Topics.TryGet(name, out var topic) => (ErrorCode.None, null, _describer.DescribeTopic(topic)),
        TopicResource => (ErrorCode.UnknownTopicOrPartition, $"topic '{name}' does not exist", []),
        BrokerResource when name is "" || name == BrokerContext.NodeId.ToString(CultureInfo.InvariantCulture) => (ErrorCode.None, null, _describer.DescribeBroker()),
        BrokerResource => (ErrorCode.InvalidRequest, $"broker '{name}' does not exist; this node is {BrokerContext.NodeId}", []),
        _ => (ErrorCode.InvalidRequest, $"resource type {type} is not supported (2 topic, 4 broker)", []),
    };
}
