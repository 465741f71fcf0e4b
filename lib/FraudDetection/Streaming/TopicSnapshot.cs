using Confluent.Kafka;

namespace FraudDetection.Streaming;

/// <summary>
/// Reads a whole topic, every partition from the beginning up to the end it had when the read started, outside any
/// consumer group (nothing is committed). For notebooks, tools and tests that inspect what the processor wrote.
/// </summary>
public static class TopicSnapshot
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Read(KafkaClientFactory factory, string topic, CancellationToken cancellationToken = default)
    {
        var config = factory.ConsumerConfig("snapshot", groupId: $"fraudlab-snapshot-{Guid.NewGuid():N}", fromBeginning: true);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        using var admin = new AdminClientBuilder(factory.AdminConfig("snapshot")).Build();
        var metadata = admin.GetMetadata(topic, RequestTimeout).Topics.Single();
        if (metadata.Error.IsError)
        {
            throw new KafkaException(metadata.Error);
        }

        // The end of each partition now: what is read is a consistent snapshot even while producers keep writing.
        var ends = metadata.Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))
            .ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, RequestTimeout));
        var pending = ends.Where(e => e.Value.High.Value > e.Value.Low.Value).ToDictionary(e => e.Key, e => e.Value.High.Value);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (pending.Count == 0)
        {
            return records;
        }

        consumer.Assign(pending.Keys.Select(p => new TopicPartitionOffset(p, ends[p].Low)));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Records past a partition's end (written after the snapshot started) are skipped.
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result || !pending.TryGetValue(result.TopicPartition, out var end))
            {
                continue;
            }

            if (result.Offset.Value < end)
            {
                records.Add(result);
            }

            if (result.Offset.Value >= end - 1)
            {
                pending.Remove(result.TopicPartition);
            }
        }

        return records;
    }
}
