using System.Globalization;
using FraudLab.Broker.Log;
using FraudLab.Broker.Server;

namespace FraudLab.Broker.Admin;

/// <summary>The configs a UI such as kafdrop shows: every topic config (set or default) and the broker's main settings.</summary>
internal sealed class ConfigDescriber(BrokerContext broker)
{
    public IReadOnlyList<ConfigEntry> DescribeTopic(Topic topic) =>
        TopicConfigs.Defaults(broker.Options)
            .Select(d => topic.Definition.Configs.TryGetValue(d.Key, out var set)
                ? new ConfigEntry(d.Key, set, false, ConfigSource.TopicConfig)
                : new ConfigEntry(d.Key, d.Value, false, ConfigSource.Default))
            .ToList();

    public IReadOnlyList<ConfigEntry> DescribeBroker()
    {
        var options = broker.Options;
        string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        var listener = $"PLAINTEXT://{options.Host}:{broker.Port}";
        return
        [
            Static("broker.id", Text(BrokerContext.NodeId)),
            Static("node.id", Text(BrokerContext.NodeId)),
            Static("listeners", listener),
            Static("advertised.listeners", $"PLAINTEXT://{broker.AdvertisedHost}:{broker.Port}"),
            Static("log.dirs", options.InMemory ? "(in memory)" : options.DataDirectory ?? ""),
            Static("auto.create.topics.enable", options.AutoCreateTopics ? "true" : "false"),
            Static("num.partitions", Text(options.DefaultPartitions)),
            Static("default.replication.factor", "1"),
            Static("offsets.topic.replication.factor", "1"),
            Static("log.retention.ms", Text(options.RetentionMs)),
            Static("log.retention.bytes", Text(options.RetentionBytes)),
            Static("log.segment.bytes", Text(options.SegmentBytes)),
            Static("message.max.bytes", Text(options.MaxFrameBytes)),
            Static("socket.request.max.bytes", Text(options.MaxFrameBytes)),
        ];
    }

    private static ConfigEntry Static(string name, string value) => new(name, value, true, ConfigSource.StaticBrokerConfig);
}
