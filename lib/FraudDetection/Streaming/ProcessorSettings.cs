using FraudDetection.Configuration;
using FraudDetection.Detection;

namespace FraudDetection.Streaming;

/// <summary>Everything a <see cref="FraudProcessor"/> reads from the kit's configuration, validated once at start.</summary>
public sealed record ProcessorSettings(
    KitMode Mode,
    KafkaOptions Kafka,
    TopicsOptions Topics,
    DynamoDbOptions DynamoDb,
    AuditTableOptions AuditTable,
    ProcessorOptions Processor,
    DetectionOptions Detection)
{
    /// <summary>Reads and validates every section; <paramref name="processor"/> replaces the <c>Processor</c> section when given.</summary>
    public static ProcessorSettings From(KitConfiguration configuration, ProcessorOptions? processor = null)
    {
        if (processor is not null)
        {
            KitConfiguration.Validate(processor, ProcessorOptions.Section);
        }

        return new ProcessorSettings(
            configuration.Mode,
            configuration.Kafka,
            configuration.Topics,
            configuration.DynamoDb,
            configuration.AuditTable,
            processor ?? configuration.Get<ProcessorOptions>(ProcessorOptions.Section),
            configuration.Get<DetectionOptions>(DetectionOptions.Section));
    }
}
