namespace FraudLab.Broker.Log;

/// <summary>A topic: its definition (name, partition count, configs set on it) and one log per partition.</summary>
internal sealed class Topic(TopicDefinition definition, IReadOnlyList<PartitionLog> partitions, BrokerOptions options)
{
    public TopicDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    public IReadOnlyList<PartitionLog> Partitions { get; } = partitions;

    public long RetentionMs => TopicConfigs.GetLong(Definition.Configs, TopicConfigs.RetentionMs, options.RetentionMs);

    public long RetentionBytes => TopicConfigs.GetLong(Definition.Configs, TopicConfigs.RetentionBytes, options.RetentionBytes);

    /// <summary>Compacted topics are never compacted here, so nothing is deleted from them either.</summary>
    public bool KeepsEverything => Definition.Configs.TryGetValue(TopicConfigs.CleanupPolicy, out var policy) && !policy.Contains("delete");

    public PartitionLog? Partition(int index) => index >= 0 && index < Partitions.Count ? Partitions[index] : null;
}
