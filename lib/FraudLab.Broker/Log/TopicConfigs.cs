using System.Globalization;

namespace FraudLab.Broker.Log;

/// <summary>
/// Topic-level configs: which names are accepted (Kafka's), their broker defaults, and the three this
/// broker acts on (retention.ms, retention.bytes, segment.bytes; cleanup.policy=compact keeps everything).
/// Others are stored and described but change nothing on a single node.
/// </summary>
internal static class TopicConfigs
{
    public const string RetentionMs = "retention.ms";
    public const string RetentionBytes = "retention.bytes";
    public const string SegmentBytes = "segment.bytes";
    public const string CleanupPolicy = "cleanup.policy";

    private static readonly HashSet<string> Numeric =
    [
        RetentionMs, RetentionBytes, SegmentBytes, "delete.retention.ms", "file.delete.delay.ms", "flush.messages", "flush.ms",
        "index.interval.bytes", "max.compaction.lag.ms", "max.message.bytes", "min.compaction.lag.ms", "min.insync.replicas",
        "segment.index.bytes", "segment.jitter.ms", "segment.ms", "message.timestamp.difference.max.ms",
        "message.timestamp.before.max.ms", "message.timestamp.after.max.ms", "local.retention.ms", "local.retention.bytes",
    ];

    private static readonly HashSet<string> Textual =
    [
        CleanupPolicy, "compression.type", "message.timestamp.type", "min.cleanable.dirty.ratio", "preallocate",
        "unclean.leader.election.enable", "message.downconversion.enable", "remote.storage.enable",
    ];

    /// <summary>Every topic config with the value a topic gets when it sets nothing.</summary>
    public static IReadOnlyDictionary<string, string> Defaults(BrokerOptions options) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [CleanupPolicy] = "delete",
        ["compression.type"] = "producer",
        ["delete.retention.ms"] = "86400000",
        ["file.delete.delay.ms"] = "60000",
        ["flush.messages"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["flush.ms"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["index.interval.bytes"] = "4096",
        ["local.retention.bytes"] = "-2",
        ["local.retention.ms"] = "-2",
        ["max.compaction.lag.ms"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["max.message.bytes"] = options.MaxFrameBytes.ToString(CultureInfo.InvariantCulture),
        ["message.downconversion.enable"] = "true",
        ["message.timestamp.after.max.ms"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["message.timestamp.before.max.ms"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["message.timestamp.difference.max.ms"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["message.timestamp.type"] = "CreateTime",
        ["min.cleanable.dirty.ratio"] = "0.5",
        ["min.compaction.lag.ms"] = "0",
        ["min.insync.replicas"] = "1",
        ["preallocate"] = "false",
        ["remote.storage.enable"] = "false",
        [RetentionBytes] = options.RetentionBytes.ToString(CultureInfo.InvariantCulture),
        [RetentionMs] = options.RetentionMs.ToString(CultureInfo.InvariantCulture),
        [SegmentBytes] = options.SegmentBytes.ToString(CultureInfo.InvariantCulture),
        ["segment.index.bytes"] = "10485760",
        ["segment.jitter.ms"] = "0",
        ["segment.ms"] = "604800000",
        ["unclean.leader.election.enable"] = "false",
    };

    /// <summary>Null when <paramref name="name"/>=<paramref name="value"/> is acceptable, else why not.</summary>
    public static string? Validate(string name, string? value)
    {
        if (value is null) return $"config {name} has no value";
        if (Numeric.Contains(name))
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && (name != SegmentBytes || number >= 1024)
                ? null
                : $"config {name}={value} is not a valid number";
        if (name == CleanupPolicy)
            return value.Split(',').All(p => p.Trim() is "delete" or "compact") ? null : $"config {name}={value} must be delete and/or compact";
        return Textual.Contains(name) ? null : $"unknown topic config {name}";
    }

    public static long GetLong(IReadOnlyDictionary<string, string> configs, string name, long fallback) =>
        configs.TryGetValue(name, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
