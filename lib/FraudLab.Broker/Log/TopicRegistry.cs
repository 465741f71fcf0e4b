using System.Collections.Concurrent;
using FraudLab.Broker.Protocol;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Log;

/// <summary>
/// All topics of the broker: loads them (recovering every partition) on start, creates, auto-creates
/// and deletes them, and applies retention. Creation and deletion are serialised; lookups are lock-free.
/// </summary>
internal sealed class TopicRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private readonly BrokerOptions _options;
    private readonly ILogDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TopicRegistry(BrokerOptions options, ILogDirectory directory, TimeProvider time, ILogger logger)
    {
        _options = options;
        _directory = directory;
        _time = time;
        _logger = logger;
        foreach (var definition in directory.LoadTopics())
        {
            var topic = Open(definition);
            _topics[topic.Name] = topic;
            _logger.LogInformation("Loaded topic {Topic}: {Partitions} partitions, offsets up to {Offsets}", topic.Name, topic.Partitions.Count,
                string.Join(",", topic.Partitions.Select(p => p.HighWatermark)));
        }
    }

    public IReadOnlyCollection<Topic> All => _topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public bool TryGet(string name, out Topic topic) => _topics.TryGetValue(name, out topic!);

    /// <summary>The topic, created with broker defaults if auto-creation is on and the name is legal.</summary>
    public Topic? GetOrAutoCreate(string name, bool clientAllows = true)
    {
        if (_topics.TryGetValue(name, out var topic)) return topic;
        if (!_options.AutoCreateTopics || !clientAllows || ValidateName(name) is not null) return null;
        Create(name, _options.DefaultPartitions, new Dictionary<string, string?>(), validateOnly: false);
        return _topics.GetValueOrDefault(name);
    }

    /// <summary>Creates a topic; returns an error code and a message saying what was wrong.</summary>
    public (short ErrorCode, string? Message) Create(string name, int partitions, IReadOnlyDictionary<string, string?> configs, bool validateOnly)
    {
        if (ValidateName(name) is { } badName) return (ErrorCode.InvalidTopic, badName);
        if (partitions == -1) partitions = _options.DefaultPartitions;
        if (partitions is < 1 or > 10_000) return (ErrorCode.InvalidPartitions, $"number of partitions {partitions} must be between 1 and 10000");
        foreach (var (key, value) in configs)
            if (TopicConfigs.Validate(key, value) is { } badConfig) return (ErrorCode.InvalidConfig, badConfig);
        lock (_changes)
        {
            if (_topics.ContainsKey(name)) return (ErrorCode.TopicAlreadyExists, $"topic '{name}' already exists");
            if (validateOnly) return (ErrorCode.None, null);
            var definition = new TopicDefinition(name, partitions, configs.ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal));
            _directory.SaveTopic(definition);
            _topics[name] = Open(definition);
        }
        _logger.LogInformation("Created topic {Topic} with {Partitions} partitions", name, partitions);
        return (ErrorCode.None, null);
    }

    public short Delete(string name)
    {
        lock (_changes)
        {
            if (!_topics.TryRemove(name, out var topic)) return ErrorCode.UnknownTopicOrPartition;
            foreach (var partition in topic.Partitions) partition.Dispose();
            _directory.DeleteTopic(name);
        }
        _logger.LogInformation("Deleted topic {Topic}", name);
        return ErrorCode.None;
    }

    public void EnforceRetention()
    {
        foreach (var topic in _topics.Values)
        {
            if (topic.KeepsEverything) continue;
            foreach (var partition in topic.Partitions)
            {
                var deleted = partition.EnforceRetention(topic.RetentionMs, topic.RetentionBytes);
                if (deleted > 0)
                    _logger.LogInformation("Retention deleted {Segments} segment(s) of {Topic}-{Partition}; log start offset is now {Start}",
                        deleted, topic.Name, partition.Partition, partition.LogStartOffset);
            }
        }
    }

    /// <summary>The largest producer id found in any stored batch.</summary>
    public long MaxProducerId => _topics.Values.SelectMany(t => t.Partitions).Select(p => p.MaxProducerId).DefaultIfEmpty(-1).Max();

    public void Flush()
    {
        foreach (var partition in _topics.Values.SelectMany(t => t.Partitions)) partition.Flush();
    }

    /// <summary>Closes every partition and releases the data directory.</summary>
    public void Dispose()
    {
        foreach (var partition in _topics.Values.SelectMany(t => t.Partitions)) partition.Dispose();
        _directory.Dispose();
    }

    /// <summary>Kafka's rule: 1-249 characters of ASCII letters, digits, '.', '_' and '-', and not "." or "..".</summary>
    public static string? ValidateName(string name)
    {
        if (name.Length is 0 or > 249) return $"topic name '{name}' must be 1 to 249 characters long";
        if (name is "." or "..") return $"topic name '{name}' is not allowed";
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                return $"topic name '{name}' contains '{c}'; only ASCII letters, digits, '.', '_' and '-' are allowed";
        return null;
    }

    private Topic Open(TopicDefinition definition)
    {
        var segmentBytes = TopicConfigs.GetLong(definition.Configs, TopicConfigs.SegmentBytes, _options.SegmentBytes);
        var partitions = Enumerable.Range(0, definition.Partitions)
            .Select(p => new PartitionLog(definition.Name, p, _directory, _time, _logger) { SegmentBytes = segmentBytes })
            .ToList();
        return new Topic(definition, partitions, _options);
    }
}
