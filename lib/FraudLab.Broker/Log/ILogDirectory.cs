namespace FraudLab.Broker.Log;

/// <summary>Where topics and segments live: files under the data directory, or nowhere (in-memory mode).</summary>
internal interface ILogDirectory : IDisposable
{
    IEnumerable<TopicDefinition> LoadTopics();

    void SaveTopic(TopicDefinition topic);

    void DeleteTopic(string name);

    /// <summary>Existing segments of a partition, oldest first, with the time each was last written.</summary>
    IReadOnlyList<(long BaseOffset, DateTimeOffset LastWrite, ISegmentStorage Storage)> OpenSegments(string topic, int partition);

    ISegmentStorage CreateSegment(string topic, int partition, long baseOffset);
}
