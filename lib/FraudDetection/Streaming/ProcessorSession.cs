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
/// One run of the processor: its Kafka clients and the loop, in stages that follow the data.
/// <list type="number">
/// <item>Collect: whatever has arrived, up to <see cref="ProcessorOptions.MaxBatchSize"/> records (no added wait).</item>
/// <item>Decide in partition order: flags into the partition's engine, transactions through it; undecodable or
/// failing records (and outputs the broker refuses, too large) to the dead-letter topic, counted, the loop goes on.</item>
/// <item>Emit: flagged transactions to the processed topic (blocks also to the alerts topic); wait for Kafka's
/// acknowledgement (bounded by <see cref="ProcessorOptions.SinkTimeout"/>): the verdicts are out, the decision hook
/// fires. The batch's DynamoDB write starts and runs on its own: the next batches are collected, decided and emitted
/// meanwhile (up to <see cref="MaxBatchesAwaitingAudit"/> batches awaiting their writes: backpressure).</item>
/// <item>Acknowledge: batches complete in input order once their write has been acknowledged; only then are their
/// offsets stored, and librdkafka commits stored offsets in the background every 100 ms (and at once on revoke and
/// stop). An input offset is thus committed only when Kafka and DynamoDB acknowledged everything it fed. A crash
/// replays what was not committed: the audit writes are idempotent and the output records carry a deterministic
/// Record_Id.</item>
/// </list>
/// Rebalance callbacks run inside Consume on this same thread; a revocation first completes the batches in flight.
/// </summary>
internal sealed class ProcessorSession : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Poll wait while batches await their audit writes: their completion is checked this often.</summary>
    private static readonly TimeSpan AwaitingPoll = TimeSpan.FromMilliseconds(2);

    /// <summary>How often the lag gauge is refreshed.</summary>
    private static readonly TimeSpan LagInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Batches whose verdicts are out but whose audit writes are still running; one more waits for the oldest.</summary>
    internal const int MaxBatchesAwaitingAudit = 8;

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

    /// <summary>Emitted batches awaiting their audit writes, oldest first; they complete in this order.</summary>
    private readonly Queue<ProcessedBatch> _awaitingAudit = new();
    private long _lastLag;
    private long _producerDeadLettered;
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
        _producer = new AcknowledgedProducer(kafka, $"processor-{instance}", settings.Topics.DeadLetter) { AcknowledgementTimeout = settings.Processor.SinkTimeout };
        _rules = new RulesFeed(kafka, settings.Topics.Rules, instance);
        _restorer = new StateRestorer(kafka, settings.Topics, instance, logger);
        _audit = new AuditSink(writer, settings.Processor);
        _retry = new SinkRetry(settings.Processor, metrics, logger);
        _consumer = new ConsumerBuilder<byte[]?, InputRecord>(kafka.ConsumerConfig($"processor-{instance}", settings.Processor.GroupId, settings.Processor.FromBeginning, backgroundCommit: true, settings.Processor.GroupInstanceId))
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

                CompleteAudited(wait: false);
                if (Collect(_awaitingAudit.Count == 0 ? PollTimeout : AwaitingPoll))
                {
                    var batch = Process();
                    _retry.Run(_consumer, _producer.WaitForAcknowledgements, _stopping);
                    Emitted(batch);
                    batch.AuditWrite = batch.AuditItems.Count == 0
                        ? Task.CompletedTask
                        : Task.Run(() => WriteAudit(batch));
                    _awaitingAudit.Enqueue(batch);
                    while (_awaitingAudit.Count > MaxBatchesAwaitingAudit)
                    {
                        CompleteOldest();
                    }

                    CompleteAudited(wait: false);
                }

                if (Stopwatch.GetElapsedTime(_lastLag) >= LagInterval)
                {
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
            // Batches still awaiting their writes are abandoned unstored (replayed by the next owner); the writes end with the token.
            while (_awaitingAudit.TryDequeue(out var abandoned))
            {
                try
                {
                    abandoned.AuditWrite.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Cancelled or failed: either way nothing was stored for it.
                }
            }

            CommitStored();
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
    /// the fetcher happened to deliver first. A record whose handling fails is dead-lettered with the reason; the rest go on.
    /// </summary>
    private ProcessedBatch Process()
    {
        var batch = new ProcessedBatch();
        foreach (var result in _batch)
        {
            if (result.Message.Value.Flag is { } flag && _engines.TryGet(result.Partition.Value, out var engine))
            {
                try
                {
                    engine.Apply(flag);
                    batch.Flags++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DeadLetter($"flag not applied: {ex.Message}", result);
                }
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
                DeadLetter(error, result);
            }
            else if (record.Transaction is { } transaction)
            {
                try
                {
                    Decide(batch, engine, transaction, result, now, timeToLive);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DeadLetter($"transaction not decided: {ex.Message}", result);
                }
            }
        }

        return batch;
    }

    private void Decide(ProcessedBatch batch, DetectionEngine engine, Transaction transaction, ConsumeResult<byte[]?, InputRecord> source, DateTimeOffset now, TimeSpan timeToLive)
    {
        var decision = engine.Process(transaction);
        batch.Decisions.Add(decision);
        if (!decision.IsFlagged)
        {
            return;
        }

        var output = ProcessedTransaction.From(decision);
        var message = OutputMessage(output);
        if (!TrySend(_settings.Topics.Processed, message, source))
        {
            return;
        }

        if (decision.Verdict == Verdict.Block)
        {
            TrySend(_settings.Topics.Alerts, message, source);
        }

        batch.Flagged.Add(output);
        batch.AuditItems.Add(AuditItem.From(output, now, timeToLive).ToAttributes(_settings.AuditTable.TtlAttribute));
    }

    /// <summary>Sends an output; a record the producer refuses outright (too large) sends its source to the dead letters instead.</summary>
    private bool TrySend(string topic, Message<byte[]?, byte[]?> message, ConsumeResult<byte[]?, InputRecord> source)
    {
        try
        {
            _producer.Send(topic, message);
            return true;
        }
        catch (ProduceException<byte[]?, byte[]?> ex)
        {
            DeadLetter($"{topic} refused the output: {ex.Error.Reason}", source);
            return false;
        }
    }

    /// <summary>The source record to the dead-letter topic with the reason and its coordinates (a truncated copy with size and hash when it does not fit).</summary>
    private void DeadLetter(string reason, ConsumeResult<byte[]?, InputRecord> source)
    {
        _producer.SendFitted(
            _settings.Topics.DeadLetter,
            RejectedRecord.Create(reason, source.TopicPartitionOffset, source.Message.Key, source.Message.Value.Original));
        _metrics.DeadLettered(source.Topic);
    }

    private static Message<byte[]?, byte[]?> OutputMessage(ProcessedTransaction output) => new()
    {
        Key = AccountKey.Encode(output.AccountId),
        Value = FraudJson.Serialize(output),
        Headers = new Headers { { RejectedRecord.RecordIdHeader, Encoding.UTF8.GetBytes(output.RecordId) } },
    };

    /// <summary>The batch's audit write, retried with backoff (pausing the consumer) until DynamoDB acknowledges it; held back first by the test hook if any.</summary>
    private void WriteAudit(ProcessedBatch batch)
    {
        if (_hooks.BeforeAuditWrite is { } hold)
        {
            hold(batch.Flagged, _stopping).GetAwaiter().GetResult();
        }

        _retry.Run(_consumer, ct => _audit.WriteAsync(batch.AuditItems, ct).GetAwaiter().GetResult(), _stopping);
    }

    /// <summary>Kafka acknowledged the batch's outputs: its verdicts are out. Counters, latency, the decision hook and the in-process view.</summary>
    private void Emitted(ProcessedBatch batch)
    {
        var refused = _producer.DeadLettered;
        for (; _producerDeadLettered < refused; _producerDeadLettered++)
        {
            _metrics.DeadLettered(_settings.Topics.Processed);
        }

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

        Volatile.Write(ref _engineStats, new StrongBox<EngineStats>(_engines.Stats));
    }

    /// <summary>Completes the batches whose writes are done, oldest first (all of them when <paramref name="wait"/>).</summary>
    private void CompleteAudited(bool wait)
    {
        while (_awaitingAudit.TryPeek(out var oldest) && (wait || oldest.AuditWrite.IsCompleted))
        {
            CompleteOldest();
        }
    }

    /// <summary>Waits for the oldest batch's write, then stores its offsets: from here the background commit may commit them.</summary>
    private void CompleteOldest()
    {
        var batch = _awaitingAudit.Dequeue();
        batch.AuditWrite.GetAwaiter().GetResult();
        foreach (var (partition, next) in batch.NextOffsets)
        {
            try
            {
                _consumer.StoreOffset(new TopicPartitionOffset(partition, next));
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State || ex.Error.Code == ErrorCode.Local_UnknownPartition)
            {
                // The partition went to another owner meanwhile: it replays this batch (idempotent sinks).
            }
        }

        _metrics.AuditWritten(batch.AuditItems.Count);
        _hooks.OnAudited?.Invoke(batch.Flagged);
    }

    /// <summary>Commits the stored offsets now (revocation, stop); only acknowledged batches have stored offsets: at-least-once.</summary>
    private void CommitStored()
    {
        try
        {
            _consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing stored since the last commit.
        }
        catch (KafkaException ex)
        {
            // A rebalance took the partitions meanwhile: their next owner replays these batches (idempotent sinks).
            _logger.LogWarning("commit refused ({Reason}); the batches will be replayed by the partitions' next owner", ex.Error.Reason);
        }
    }

    private void UpdateLag()
    {
        _lastLag = Stopwatch.GetTimestamp();
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
        _producer.SendFitted(_settings.Topics.RuleErrors, RejectedRecord.Create($"{change.RuleId}: {change.Error}", rule.TopicPartitionOffset, rule.Message.Key, rule.Message.Value));
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
        // Finish the batches in flight and commit while the partitions are still ours, so the next owner need not replay them.
        CompleteAudited(wait: true);
        CommitStored();
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
