using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Configuration;

/// <summary>The embedded local stack. Section <c>LocalStack</c>.</summary>
public sealed class LocalStackOptions
{
    public const string Section = "LocalStack";

    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int KafkaPort { get; set; } = 9092;

    [Range(1, 65535)]
    public int DynamoDbPort { get; set; } = 8000;

    /// <summary>Folder for pids, logs, the discovery file and the broker's data. Default: <c>.fraudlab/local</c> under the kit.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Keep Kafka data in memory only (tests). Default: durable segment files under the state folder.</summary>
    public bool KafkaInMemory { get; set; }

    /// <summary>Folder where dynalite keeps its data; empty keeps it in memory.</summary>
    public string? DynamoDbPath { get; set; }

    /// <summary>How long to wait for each part to answer a real request.</summary>
    [Range(1, 600)]
    public int StartTimeoutSeconds { get; set; } = 30;
}
