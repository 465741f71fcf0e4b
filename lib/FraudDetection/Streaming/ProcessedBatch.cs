using Amazon.DynamoDBv2.Model;
using Confluent.Kafka;
using FraudDetection.Model;

namespace FraudDetection.Streaming;

/// <summary>What one micro-batch produced, kept until its sinks have acknowledged it and its offsets are committed.</summary>
internal sealed class ProcessedBatch
{
    /// <summary>Next offset to read per input partition: what is committed once the sinks have acknowledged.</summary>
    public Dictionary<TopicPartition, Offset> NextOffsets { get; } = [];

    private TopicPartition? _run;

    /// <summary>
    /// Records <paramref name="result"/> as consumed. Records of one partition come in runs and in offset order, so the
    /// map is touched once per run rather than once per record (each <c>TopicPartition</c> read allocates).
    /// </summary>
    public void Consumed<TKey, TValue>(ConsumeResult<TKey, TValue> result)
    {
        if (_run is not null && result.Partition == _run.Partition && result.Topic == _run.Topic)
        {
            NextOffsets[_run] = result.Offset + 1;
            return;
        }

        _run = result.TopicPartition;
        NextOffsets[_run] = result.Offset + 1;
    }

    public List<Decision> Decisions { get; } = [];

    public List<ProcessedTransaction> Flagged { get; } = [];

    public List<Dictionary<string, AttributeValue>> AuditItems { get; } = [];

    public long Flags { get; set; }

    /// <summary>The DynamoDB write of <see cref="AuditItems"/>, running while the next batches are collected, decided and emitted.</summary>
    public Task AuditWrite { get; set; } = Task.CompletedTask;
}
