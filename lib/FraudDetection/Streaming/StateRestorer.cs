using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using Microsoft.Extensions.Logging;

namespace FraudDetection.Streaming;

/// <summary>
/// Rebuilds a partition's detection state from Kafka when the partition is assigned (bounded replay; no changelog
/// topic to keep in step). Into a fresh engine, without emitting anything:
/// <list type="number">
/// <item>every flag of flags partition p, from the beginning to the current end (applying a flag twice changes
/// nothing, so the group consumer may re-read those after its committed offset);</item>
/// <item>the transactions of partition p whose Kafka timestamp lies within the state horizon (longest window,
/// location memory and lateness) before the last committed transaction, found with OffsetsForTimes. The kit's
/// producers stamp each message with its event time, which makes this an event-time bound.</item>
/// </list>
/// It returns where the group consumer starts: the committed offsets, or the beginning/end for a new group.
/// </summary>
internal sealed class StateRestorer : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<byte[]?, InputRecord> _reader;
    private readonly TopicsOptions _topics;
    private readonly ILogger _logger;

    public StateRestorer(KafkaClientFactory factory, TopicsOptions topics, string instance, ILogger logger)
    {
        _topics = topics;
        _logger = logger;
        var config = factory.ConsumerConfig($"restore-{instance}", groupId: $"fraudlab-restore-{instance}", fromBeginning: true);
        config.EnablePartitionEof = true;
        _reader = new ConsumerBuilder<byte[]?, InputRecord>(config).SetValueDeserializer(new InputDeserializer(topics)).Build();
    }

    /// <summary>Fills <paramref name="engine"/> for <paramref name="partition"/> and returns the start offsets of both input topics.</summary>
    public IReadOnlyList<TopicPartitionOffset> Restore(
        int partition, DetectionEngine engine, IReadOnlyList<TopicPartitionOffset> committed, bool fromBeginning, TimeSpan horizon, CancellationToken cancellationToken)
    {
        var flags = new TopicPartition(_topics.FlaggedAccounts, partition);
        var transactions = new TopicPartition(_topics.Transactions, partition);
        var flagsStart = StartOffset(flags, committed, fromBeginning);
        var transactionsStart = StartOffset(transactions, committed, fromBeginning);

        var flagCount = 0;
        var flagsEnd = _reader.QueryWatermarkOffsets(flags, RequestTimeout);
        Read(flags, flagsEnd.Low, flagsEnd.High, result =>
        {
            if (result.Message.Value.Flag is { } flag)
            {
                engine.Apply(flag);
                flagCount++;
            }
        }, cancellationToken);

        var replayed = 0;
        var replayFrom = ReplayStart(transactions, transactionsStart, horizon, cancellationToken);
        Read(transactions, replayFrom, transactionsStart, result =>
        {
            if (result.Message.Value.Transaction is { } transaction)
            {
                engine.Process(transaction);
                replayed++;
            }
        }, cancellationToken);

        _logger.LogInformation(
            "partition {Partition}: state rebuilt from {Flags} flag record(s) and {Transactions} transaction(s) (offsets {From}..{To}); consuming from flags {FlagsStart}, transactions {TransactionsStart}",
            partition, flagCount, replayed, replayFrom.Value, transactionsStart.Value - 1, flagsStart.Value, transactionsStart.Value);
        return [new TopicPartitionOffset(flags, flagsStart), new TopicPartitionOffset(transactions, transactionsStart)];
    }

    public void Dispose()
    {
        _reader.Close();
        _reader.Dispose();
    }

    /// <summary>The committed offset, else the beginning or the end of the partition (a concrete offset either way).</summary>
    private Offset StartOffset(TopicPartition partition, IReadOnlyList<TopicPartitionOffset> committed, bool fromBeginning)
    {
        var found = committed.FirstOrDefault(c => c.TopicPartition == partition);
        if (found is not null && found.Offset.Value >= 0)
        {
            return found.Offset;
        }

        var bounds = _reader.QueryWatermarkOffsets(partition, RequestTimeout);
        return fromBeginning ? bounds.Low : bounds.High;
    }

    /// <summary>First offset whose timestamp is within <paramref name="horizon"/> of the record just before <paramref name="start"/>.</summary>
    private Offset ReplayStart(TopicPartition partition, Offset start, TimeSpan horizon, CancellationToken cancellationToken)
    {
        var low = _reader.QueryWatermarkOffsets(partition, RequestTimeout).Low;
        if (start.Value <= low.Value)
        {
            return start;
        }

        Timestamp? last = null;
        Read(partition, new Offset(start.Value - 1), start, result => last = result.Message.Timestamp, cancellationToken);
        if (last is not { } lastTimestamp || lastTimestamp.Type == TimestampType.NotAvailable)
        {
            return low;
        }

        var target = lastTimestamp.UtcDateTime - horizon;
        var found = _reader.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(target))], RequestTimeout).Single();
        return found.Offset.Value >= 0 && found.Offset.Value < start.Value ? new Offset(Math.Max(found.Offset.Value, low.Value)) : start;
    }

    /// <summary>Reads [<paramref name="from"/>, <paramref name="to"/>) of one partition and hands each record to <paramref name="apply"/>.</summary>
    private void Read(TopicPartition partition, Offset from, Offset to, Action<ConsumeResult<byte[]?, InputRecord>> apply, CancellationToken cancellationToken)
    {
        if (from.Value >= to.Value)
        {
            return;
        }

        _reader.Assign(new TopicPartitionOffset(partition, from));
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = _reader.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null)
                {
                    continue;
                }

                if (result.IsPartitionEOF || result.Offset.Value >= to.Value)
                {
                    return;
                }

                apply(result);
                if (result.Offset.Value >= to.Value - 1)
                {
                    return;
                }
            }
        }
        finally
        {
            _reader.Unassign();
        }
    }
}
