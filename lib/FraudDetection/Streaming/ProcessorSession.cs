using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Amazon.DynamoDBv2.Model;
using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Model;
using FraudDetection.Observability;
using FraudDetection.Storage;
using Microsoft.Extensions.Logging;

namespace FraudDetection.Streaming;

/// <summary>
/// One run of the processor: its Kafka clients and the micro-batch loop.
/// <list type="number">
/// <item>Collect: whatever has arrived, up to <see cref="ProcessorOptions.MaxBatchSize"/> records (no added wait).</item>
/// <item>Process in partition order: undecodable records to the dead-letter topic, flags into the partition's engine,
/// transactions through it; a flagged transaction is sent to the processed topic (and a block to the alerts topic)
/// and becomes an audit item.</item>
/// <item>Wait until Kafka has acknowledged every record sent; start the batch's DynamoDB write. While it runs, the
/// next batch is collected and decided (one batch of overlap, the write being the slowest step); then wait for the
/// write (pausing and retrying while DynamoDB fails); the batch's offsets are then acknowledged, and acknowledged
/// offsets are committed every <see cref="CommitInterval"/>. A batch that flagged nothing has no write and completes
/// at once. A crash before the commit replays the batches since the last one: the audit writes are idempotent and
/// the output records carry a deterministic Record_Id.</item>
/// </list>
/// Rebalance callbacks run inside Consume on this same thread; a revocation first completes the batch in flight.
/// </summary>
internal sealed class ProcessorSession : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often acknowledged offsets are committed (and the lag refreshed). A synchronous commit per micro-batch cost
    /// a broker round trip each; committing by time costs at most this much more replay after a crash, which the
    /// idempotent sinks absorb. Revocations and a clean stop commit at once.
    /// </summary>
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(200);

    private readonly ProcessorSettings _settings;
    private readonly ProcessorMetrics _metrics;
    private readonly ProcessorHooks _hooks;
    private readonly ChannelWriter<ProcessedTransaction> _flaggedView;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EngineDriver _engines;
    private readonly AcknowledgedProducer _producer;
    private readonly RulesFeed _rules;
    private readonly StateRestorer _restorer;
    private readonly IConsumer<byte[]?, InputRecord> _consumer;
    private readonly AuditSink _audit;
    private readonly SinkRetry _retry;
    private readonly CancellationToken _stopping;

    private readonly List<ConsumeResult<byte[]?, InputRecord>> _batch = [];
    private ProcessedBatch? _inFlight;

    /// <summary>Next offsets of batches both sinks have acknowledged, not yet committed.</summary>
    private readonly Dictionary<TopicPartition, Offset> _acknowledged = [];
    private long _lastCommit;
    private long _lag;
    private int[] _partitions = [];
    private StrongBox<EngineStats> _engineStats = new();

    public ProcessorSession(
        ProcessorSettings settings, AuditTableWriter writer, ProcessorMetrics metrics, ProcessorHooks hooks,
        ChannelWriter<ProcessedTransaction> flaggedView, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        _settings = settings;
        _metrics = metrics;
        _hooks = hooks;
        _flaggedView = flaggedView;
        _time = time;
        _logger = logger;
        _stopping = stopping;
        var instance = settings.Processor.ResolvedInstanceId;
        var kafka = new KafkaClientFactory(settings.Kafka);
        _engines = new EngineDriver(settings.Detection, time);
        _producer = new AcknowledgedProducer(kafka, $"processor-{instance}");
        _rules = new RulesFeed(kafka, settings.Topics.Rules, instance);
        _restorer = new StateRestorer(kafka, settings.Topics, instance, logger);
        _audit = new AuditSink(writer, settings.Processor);
        _retry = new SinkRetry(settings.Processor, metrics, logger);
        _consumer = new ConsumerBuilder<byte[]?, InputRecord>(kafka.ConsumerConfig($"processor-{instance}", settings.Processor.GroupId, settings.Processor.FromBeginning))
            .SetValueDeserializer(new InputDeserializer(settings.Topics))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetErrorHandler((_, error) => _logger.LogWarning("kafka: {Reason}", error.Reason))
            .Build();
        metrics.ObserveLag(() => Interlocked.Read(ref _lag));
    }

    /// <summary>Detection state after the last batch (a snapshot: the engines belong to the processor's thread).</summary>
    public EngineStats EngineStats => Volatile.Read(ref _engineStats).Value;

    /// <summary>Partition numbers this instance holds now (its own thread updates them on rebalances).</summary>
    public IReadOnlyList<int> Partitions => Volatile.Read(ref _partitions);

    /// <summary>Runs the loop on the calling thread (a dedicated one: Consume and the sink waits block it) until stopped.</summary>
    public void Run(int rulePartitions)
    {
        foreach (var rule in _rules.Start(rulePartitions, _stopping))
        {
            ApplyRule(rule);
        }

        _consumer.Subscribe([_settings.Topics.Transactions, _settings.Topics.FlaggedAccounts]);
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                foreach (var rule in _rules.Drain())
                {
                    ApplyRule(rule);
                }

                // With a write in flight, take only what is already here: its verdicts should not wait for a poll.
                var next = Collect(_inFlight is null ? PollTimeout : TimeSpan.Zero) ? Process() : null;
                if (next is not null)
                {
                    _retry.Run(_consumer, _producer.WaitForAcknowledgements, _stopping);
                }

                CompleteInFlight();
                if (next is not null)
                {
                    next.AuditWrite = next.AuditItems.Count == 0
                        ? Task.CompletedTask
                        : Task.Run(() => _retry.Run(_consumer, ct => _audit.WriteAsync(next.AuditItems, ct).GetAwaiter().GetResult(), _stopping));
                    _inFlight = next;
                    if (next.AuditWrite.IsCompleted)
                    {
                        // Nothing to write (most batches flag nothing): its verdicts are final now, not a batch later.
                        CompleteInFlight();
                    }
                }

                if (Stopwatch.GetElapsedTime(_lastCommit) >= CommitInterval)
                {
                    CommitAcknowledged();
                    UpdateLag();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the batch in hand is not committed and will be replayed by whoever owns its partitions next.
        }
        finally
        {
            // A batch still in flight is abandoned uncommitted (replayed by the next owner); its write ends with the token.
            var abandoned = _inFlight;
            _inFlight = null;
            try
            {
                abandoned?.AuditWrite.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Cancelled or failed: either way nothing was committed for it.
            }

            CommitAcknowledged();
            _consumer.Close();
        }
    }

    public void Dispose()
    {
        _consumer.Dispose();
        _restorer.Dispose();
        _rules.Dispose();
        _producer.Dispose();
    }

    /// <summary>Takes what has arrived (waiting up to <paramref name="wait"/> for the first record); false when nothing came.</summary>
    private bool Collect(TimeSpan wait)
    {
        _batch.Clear();
        try
        {
            if (_consumer.Consume(wait) is not { } first)
            {
                return false;
            }

            _batch.Add(first);
            while (_batch.Count < _settings.Processor.MaxBatchSize && _consumer.Consume(TimeSpan.Zero) is { } next)
            {
                _batch.Add(next);
            }
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            _logger.LogWarning("consume: {Reason}", ex.Error.Reason);
        }

        return _batch.Count > 0;
    }

    /// <summary>
    /// Two passes over the batch: flags first, then transactions (and dead letters), each in partition order. A flag
    /// that arrives in the same batch as the account's transactions thus always applies to them, whichever topic
    /// the fetcher happened to deliver first.
    /// </summary>
    private ProcessedBatch Process()
    {
        var batch = new ProcessedBatch();
        foreach (var result in _batch)
        {
            if (result.Message.Value.Flag is { } flag && _engines.TryGet(result.Partition.Value, out var engine))
            {
                engine.Apply(flag);
                batch.Flags++;
            }
        }

        var now = _time.GetUtcNow();
        var timeToLive = TimeSpan.FromHours(_settings.AuditTable.TtlHours);
        foreach (var result in _batch)
        {
            if (!_engines.TryGet(result.Partition.Value, out var engine))
            {
                continue;
            }

            batch.Consumed(result);
            var record = result.Message.Value;
            if (record.Error is { } error)
            {
                _producer.Send(_settings.Topics.DeadLetter, RejectedRecord.Create(error, result.TopicPartitionOffset, result.Message.Key, record.Original));
                _metrics.DeadLettered(result.Topic);
            }
            else if (record.Transaction is { } transaction)
            {
                Decide(batch, engine, transaction, now, timeToLive);
            }
        }

        return batch;
    }

    private void Decide(ProcessedBatch batch, DetectionEngine engine, Transaction transaction, DateTimeOffset now, TimeSpan timeToLive)
    {
        var decision = engine.Process(transaction);
        batch.Decisions.Add(decision);
        if (!decision.IsFlagged)
        {
            return;
        }

        var output = ProcessedTransaction.From(decision);
        var message = OutputMessage(output);
        _producer.Send(_settings.Topics.Processed, message);
        if (decision.Verdict == Verdict.Block)
        {
            _producer.Send(_settings.Topics.Alerts, message);
        }

        batch.Flagged.Add(output);
        batch.AuditItems.Add(AuditItem.From(output, now, timeToLive).ToAttributes(_settings.AuditTable.TtlAttribute));
    }

    private static Message<byte[]?, byte[]?> OutputMessage(ProcessedTransaction output) => new()
    {
        Key = AccountKey.Encode(output.AccountId),
        Value = FraudJson.Serialize(output),
        Headers = new Headers { { RejectedRecord.RecordIdHeader, Encoding.UTF8.GetBytes(output.RecordId) } },
    };

    /// <summary>Waits for the batch in flight to be written (the retries inside pause the consumer), then marks its offsets for the next commit and publishes it.</summary>
    private void CompleteInFlight()
    {
        if (_inFlight is not { } batch)
        {
            return;
        }

        _inFlight = null;
        batch.AuditWrite.GetAwaiter().GetResult();
        foreach (var (partition, next) in batch.NextOffsets)
        {
            _acknowledged[partition] = next;
        }

        Publish(batch);
    }

    /// <summary>Commits the offsets of every acknowledged batch (only those: at-least-once).</summary>
    private void CommitAcknowledged()
    {
        _lastCommit = Stopwatch.GetTimestamp();
        if (_acknowledged.Count > 0)
        {
            try
            {
                _consumer.Commit(_acknowledged.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
            }
            catch (KafkaException ex)
            {
                // A rebalance took the partitions meanwhile: their next owner replays these batches (idempotent sinks).
                _logger.LogWarning("commit refused ({Reason}); the batches will be replayed by the partitions' next owner", ex.Error.Reason);
            }

            _acknowledged.Clear();
        }
    }

    /// <summary>After the commit: counters, latency, hooks and the in-process view of flagged records.</summary>
    private void Publish(ProcessedBatch batch)
    {
        var now = _time.GetUtcNow();
        _metrics.EventsIn(_settings.Topics.Transactions, batch.Decisions.Count);
        _metrics.EventsIn(_settings.Topics.FlaggedAccounts, batch.Flags);
        foreach (var decision in batch.Decisions)
        {
            if (decision.Transaction.CreatedAt is { } created)
            {
                _metrics.Latency(now - created);
            }

            _hooks.OnDecision?.Invoke(decision);
        }

        foreach (var output in batch.Flagged)
        {
            _metrics.Flagged(output.Verdict.ToString().ToLowerInvariant(), output.Verdict == Verdict.Block);
            _flaggedView.TryWrite(output);
        }

        _metrics.AuditWritten(batch.AuditItems.Count);
        Volatile.Write(ref _engineStats, new StrongBox<EngineStats>(_engines.Stats));
    }

    private void UpdateLag()
    {
        long lag = 0;
        foreach (var partition in _consumer.Assignment)
        {
            if (partition.Topic != _settings.Topics.Transactions)
            {
                continue;
            }

            var high = _consumer.GetWatermarkOffsets(partition).High;
            var position = _consumer.Position(partition);
            if (high.Value >= 0 && position.Value >= 0)
            {
                lag += Math.Max(0, high.Value - position.Value);
            }
        }

        Interlocked.Exchange(ref _lag, lag);
    }

    private void ApplyRule(ConsumeResult<byte[]?, byte[]?> rule)
    {
        var change = _engines.ApplyRule(rule.Message.Value ?? []);
        if (change.Accepted)
        {
            _logger.LogInformation("rule {Change}", change);
            return;
        }

        _metrics.RuleRejected();
        _logger.LogWarning("rule rejected: {Change}", change);
        _producer.Send(_settings.Topics.RuleErrors, RejectedRecord.Create($"{change.RuleId}: {change.Error}", rule.TopicPartitionOffset, rule.Message.Key, rule.Message.Value));
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        var committed = _consumer.Committed(partitions, RequestTimeout);
        var horizon = _engines.StateHorizon + _settings.Processor.RestoreMargin;
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in partitions.Select(p => p.Partition.Value).Distinct().Order())
        {
            var engine = _engines.Assign(partition);
            starts.AddRange(_restorer.Restore(partition, engine, committed, _settings.Processor.FromBeginning, horizon, _stopping));
        }

        Volatile.Write(ref _partitions, [.. _engines.Partitions]);

        _logger.LogInformation("assigned {Partitions}", string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]")));
        return starts.Where(s => partitions.Contains(s.TopicPartition));
    }

    private void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        // Finish the batch in flight and commit while the partitions are still ours, so the next owner need not replay it.
        CompleteInFlight();
        CommitAcknowledged();
        var revoked = partitions.ToHashSet();
        foreach (var partition in revoked.Select(p => p.Partition.Value).Distinct())
        {
            _engines.Revoke(partition);
        }

        Volatile.Write(ref _partitions, [.. _engines.Partitions]);

        // Records collected before the rebalance are re-read from the committed offsets by the next owner (maybe us).
        _batch.RemoveAll(r => revoked.Contains(r.TopicPartition));
        _logger.LogInformation("revoked {Partitions}", string.Join(", ", revoked.Select(p => $"{p.Topic}[{p.Partition.Value}]")));
    }
}
