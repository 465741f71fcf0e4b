using Confluent.Kafka;

namespace FraudDetection.Streaming;

/// <summary>
/// The rules topic as every processor instance reads it: all partitions assigned by hand from the beginning, outside
/// the consumer group and never committed, so each instance holds the full rule set whatever partitions it owns.
/// </summary>
internal sealed class RulesFeed : IDisposable
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly string _topic;

    public RulesFeed(KafkaClientFactory factory, string topic, string instance)
    {
        _topic = topic;
        var config = factory.ConsumerConfig($"rules-{instance}", groupId: $"fraudlab-rules-{instance}", fromBeginning: true);
        config.EnablePartitionEof = true;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
    }

    /// <summary>
    /// Assigns every partition at its beginning and reads up to the current end; returns the rule records in order per
    /// partition. Should the end not be reached in time, the rest simply arrives through <see cref="Drain"/>.
    /// </summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Start(int partitions, CancellationToken cancellationToken)
    {
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(_topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var atEnd = new HashSet<int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (atEnd.Count < partitions && clock.Elapsed < CatchUpTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
            }
            else
            {
                records.Add(result);
            }
        }

        return records;
    }

    /// <summary>Rule records that arrived since the last call (never blocks).</summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Drain()
    {
        List<ConsumeResult<byte[]?, byte[]?>>? records = null;
        while (_consumer.Consume(TimeSpan.Zero) is { } result)
        {
            if (!result.IsPartitionEOF)
            {
                (records ??= []).Add(result);
            }
        }

        return records ?? (IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>)[];
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
