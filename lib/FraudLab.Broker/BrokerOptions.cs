namespace FraudLab.Broker;

/// <summary>Settings of the local broker. Every default is what <c>fraudlab local kafka</c> uses.</summary>
public sealed class BrokerOptions
{
    /// <summary>Address to listen on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 9092;

    /// <summary>Host advertised in Metadata; default: <see cref="Host"/>.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Folder for segment files and group metadata. Ignored when <see cref="InMemory"/>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Keep everything in memory (tests); nothing survives a restart.</summary>
    public bool InMemory { get; set; }

    /// <summary>Create a topic when a client asks for its metadata (as Kafka's auto.create.topics.enable).</summary>
    public bool AutoCreateTopics { get; set; } = true;

    /// <summary>Partitions of an auto-created topic.</summary>
    public int DefaultPartitions { get; set; } = 1;

    /// <summary>Largest request frame accepted; a larger one closes that connection with one log line.</summary>
    public int MaxFrameBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Default retention by size per partition (retention.bytes).</summary>
    public long RetentionBytes { get; set; } = 1L * 1024 * 1024 * 1024;

    /// <summary>Default retention by time (retention.ms).</summary>
    public long RetentionMs { get; set; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary>Size at which a segment file is rolled (segment.bytes).</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Every problem with these settings, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!System.Net.IPAddress.TryParse(Host, out _)) problems.Add($"Host '{Host}' is not an IP address (use 127.0.0.1 or 0.0.0.0)");
        if (Port is < 0 or > 65535) problems.Add($"Port {Port} is outside 0-65535");
        if (!InMemory && string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("DataDirectory is required unless InMemory is set");
        if (DefaultPartitions < 1) problems.Add($"DefaultPartitions {DefaultPartitions} must be at least 1");
        if (MaxFrameBytes < 1024) problems.Add($"MaxFrameBytes {MaxFrameBytes} must be at least 1024");
        if (SegmentBytes < 1024) problems.Add($"SegmentBytes {SegmentBytes} must be at least 1024");
        return problems;
    }
}
