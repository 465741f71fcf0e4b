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

    /// <summary>
    /// TLS server certificate: a PEM certificate (with <see cref="TlsKeyFile"/>, or a PEM holding the key too)
    /// or a PKCS#12 (.pfx/.p12) file. Null (the default) serves plaintext.
    /// </summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificateFile"/> when that is a PEM certificate without its key.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="TlsCertificateFile"/>; null for none.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>
    /// SCRAM users (SCRAM-SHA-512 and SCRAM-SHA-256). Empty (the default): no SASL. Non-empty: every client
    /// must authenticate (SaslHandshake + SaslAuthenticate) before any API but ApiVersions.
    /// </summary>
    public IList<ScramUser> ScramUsers { get; set; } = [];

    /// <summary>Kafka's name for what this listener speaks: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.</summary>
    public string SecurityProtocol => (TlsCertificateFile is not null, ScramUsers.Count > 0) switch
    {
        (true, true) => "SASL_SSL",
        (true, false) => "SSL",
        (false, true) => "SASL_PLAINTEXT",
        _ => "PLAINTEXT",
    };

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
        if (TlsCertificateFile is not null && !File.Exists(TlsCertificateFile)) problems.Add($"TlsCertificateFile '{TlsCertificateFile}' does not exist");
        if (TlsKeyFile is not null && TlsCertificateFile is null) problems.Add("TlsKeyFile is set without TlsCertificateFile");
        if (TlsKeyFile is not null && !File.Exists(TlsKeyFile)) problems.Add($"TlsKeyFile '{TlsKeyFile}' does not exist");
        foreach (var (user, index) in ScramUsers.Select((u, i) => (u, i)))
        {
            if (string.IsNullOrEmpty(user.Name)) problems.Add($"ScramUsers[{index}] has no name");
            if (string.IsNullOrEmpty(user.Password)) problems.Add($"ScramUsers[{index}] ('{user.Name}') has no password");
        }
        foreach (var name in ScramUsers.GroupBy(u => u.Name).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"ScramUsers has '{name}' more than once");
        return problems;
    }
}
