namespace FraudLab.Broker.Admin;

/// <summary>One described config. Source numbers are Kafka's: 1 topic config, 4 static broker config, 5 default.</summary>
internal sealed record ConfigEntry(string Name, string Value, bool ReadOnly, ConfigSource Source)
{
    public bool IsDefault => Source == ConfigSource.Default;
}

internal enum ConfigSource : sbyte
{
    TopicConfig = 1,
    StaticBrokerConfig = 4,
    Default = 5,
}
