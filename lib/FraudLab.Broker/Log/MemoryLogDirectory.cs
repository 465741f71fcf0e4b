namespace FraudLab.Broker.Log;

/// <summary>In-memory mode: segments are arrays and nothing is saved.</summary>
internal sealed class MemoryLogDirectory : ILogDirectory
{
    public IEnumerable<TopicDefinition> LoadTopics() => [];

    public void SaveTopic(TopicDefinition topic) { }

    public void DeleteTopic(string name) { }

    public IReadOnlyList<(long BaseOffset, DateTimeOffset LastWrite, ISegmentStorage Storage)> OpenSegments(string topic, int partition) => [];

    public ISegmentStorage CreateSegment(string topic, int partition, long baseOffset) => new MemorySegmentStorage();

    public void Dispose() { }
}
