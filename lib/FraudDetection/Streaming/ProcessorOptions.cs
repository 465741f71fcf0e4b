using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Streaming;

/// <summary>The stream processor (<c>fraudlab process</c>). Section <c>Processor</c>; validated at start.</summary>
public sealed class ProcessorOptions
{
    public const string Section = "Processor";

    /// <summary>Consumer group of the transactions and flags topics; instances with the same id split the partitions.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9._-]{1,200}$", ErrorMessage = "Processor:GroupId may hold only letters, digits, '.', '_' and '-'.")]
    public string GroupId { get; set; } = "fraud-processor";

    /// <summary>Where a group without committed offsets starts: the beginning of the topics (true) or their end.</summary>
    public bool FromBeginning { get; set; } = true;

    /// <summary>Most records taken into one micro-batch. A batch is whatever has arrived, up to this many: no added wait.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>How audit items are written: <c>batch</c> (BatchWriteItem; idempotent re-writes) or <c>conditional</c> (PutItem with attribute_not_exists; first write wins).</summary>
    [RegularExpression("^(?i)(batch|conditional)$", ErrorMessage = "Processor:AuditWrites must be batch or conditional.")]
    public string AuditWrites { get; set; } = "batch";

    /// <summary>Concurrent DynamoDB requests of one micro-batch.</summary>
    [Range(1, 64)]
    public int AuditConcurrency { get; set; } = 8;

    /// <summary>
    /// How much event time of transactions is re-read on a partition assignment to rebuild the windows, beyond the
    /// longest window and the allowed lateness of the detection options. Flags are always re-read from the beginning.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RestoreMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>First wait after a failed sink call; doubles (with jitter) up to <see cref="RetryMaxDelay"/>. Retries never stop: nothing is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one sink call (a DynamoDB audit write, Kafka's acknowledgement of a batch's records) may go unanswered
    /// before it counts as failed: logged, counted (<c>SinkTimeouts</c>), retried with backoff. A stalled sink is
    /// thus seen, never waited on silently.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SinkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Static group membership (KIP-345): the consumer's <c>group.instance.id</c>. Give each processor instance its own
    /// stable value (e.g. <c>processor-1</c>; on AWS the ECS task's slot): after a restart it gets its partitions back
    /// at once instead of after the session timeout. Unset (default): dynamic membership. Needs a broker with
    /// JoinGroup v5+ (Apache Kafka 2.3+, MSK).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,200}$", ErrorMessage = "Processor:GroupInstanceId may hold only letters, digits, '.', '_' and '-'.")]
    public string? GroupInstanceId { get; set; }

    /// <summary>Name of this instance in client ids and metrics; default host name and process id.</summary>
    public string? InstanceId { get; set; }

    public bool UsesConditionalWrites => string.Equals(AuditWrites, "conditional", StringComparison.OrdinalIgnoreCase);

    public string ResolvedInstanceId => string.IsNullOrWhiteSpace(InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceId;
}
