using System.Threading.Channels;
using FraudDetection.Detection;
using FraudDetection.Model;
using FraudDetection.Observability;
using FraudDetection.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudDetection.Streaming;

/// <summary>
/// The stream processor (the workshop's Kinesis Data Analytics job): reads transactions and flagged accounts as a
/// consumer group and the rules topic in full, decides every transaction, and writes each flagged one to the
/// processed topic (blocks also to the alerts topic) and to the audit table, at least once with idempotent sinks.
/// <para>
/// Partitioning: both input topics are keyed by Account_Id and must have the same partition count; the range
/// assignor gives partition p of both to one instance, so an account's flags and transactions meet in one engine.
/// Instances in one group split the partitions; each partition's state lives in its own engine and is rebuilt by a
/// bounded replay when the partition is assigned (<see cref="StateRestorer"/>), so any split decides exactly what
/// one instance would.
/// </para>
/// Run it with <see cref="RunAsync"/> (the CLI verb, or a notebook's background task); cancel the token to stop.
/// </summary>
public sealed class FraudProcessor : IDisposable
{
    private const int FlaggedViewCapacity = 10_000;
    private readonly ProcessorSettings _settings;
    private readonly ProcessorHooks _hooks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProcessorMetrics _metrics;
    private readonly Channel<ProcessedTransaction> _flaggedView = Channel.CreateBounded<ProcessedTransaction>(
        new BoundedChannelOptions(FlaggedViewCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProcessorSession? _session;
    private int _started;

    public FraudProcessor(ProcessorSettings settings, ProcessorHooks? hooks = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _settings = settings;
        _hooks = hooks ?? new ProcessorHooks();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new ProcessorMetrics(settings.Processor.ResolvedInstanceId);
    }

    public ProcessorSettings Settings => _settings;

    /// <summary>Running totals since start (events in, flagged, dead-lettered, lag …).</summary>
    public ProcessorStats Stats => _metrics.Snapshot();

    /// <summary>Partition numbers (of both input topics) this instance holds right now.</summary>
    public IReadOnlyList<int> Partitions => _session?.Partitions ?? [];

    /// <summary>Detection state of the partitions this instance holds right now.</summary>
    public EngineStats EngineStats => _session?.EngineStats ?? default;

    /// <summary>
    /// The flagged records as they are committed, for watching (notebooks, the CLI). A view, not a sink: when nobody
    /// reads it keeps the newest <c>10 000</c>; the durable outputs are the topics and the audit table.
    /// </summary>
    public ChannelReader<ProcessedTransaction> Flagged => _flaggedView.Reader;

    /// <summary>Completes once topics and table exist and the consumer has subscribed.</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Ensures the topics and the audit table, then processes until <paramref name="cancellationToken"/> is cancelled.
    /// Stopping never commits a batch whose sinks have not acknowledged it. Runs once per instance.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("this processor has already been started; create a new instance");
        }

        try
        {
            using var dynamo = DynamoDbClientFactory.Create(_settings.DynamoDb, _settings.Mode);
            var table = await new AuditTableAdmin(dynamo, _settings.AuditTable).EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            if (table.Note is { } note)
            {
                _logger.LogWarning("{Note}", note);
            }

            var rulePartitions = await EnsureTopicsAsync(cancellationToken).ConfigureAwait(false);
            await WarnIfAuditTableLostAsync(dynamo, cancellationToken).ConfigureAwait(false);
            using var session = new ProcessorSession(
                _settings, new AuditTableWriter(dynamo, _settings.AuditTable), _metrics, _hooks, _flaggedView.Writer, _time, _logger, cancellationToken);
            _session = session;
            _ready.TrySetResult();
            _logger.LogInformation("processor {Instance} started in group {Group}", _settings.Processor.ResolvedInstanceId, _settings.Processor.GroupId);

            // The loop blocks its thread (Consume, acknowledgement waits): a dedicated one, never a thread-pool thread,
            // so a busy processor cannot starve the pool that DynamoDB calls and the host's own tasks run on.
            await Task.Factory.StartNew(() => session.Run(rulePartitions), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }
        finally
        {
            _ready.TrySetCanceled(CancellationToken.None);
            _session = null;
            _flaggedView.Writer.TryComplete();
        }
    }

    public void Dispose() => _metrics.Dispose();

    /// <summary>
    /// An empty (or just recreated) audit table while the group has committed offsets means the items of those
    /// offsets are gone (a lost in-memory table): says so in one line, with the command that restores them.
    /// </summary>
    private async Task WarnIfAuditTableLostAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, CancellationToken cancellationToken)
    {
        var scan = await dynamo.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = _settings.AuditTable.TableName, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        if (scan.Count > 0 || (scan.LastEvaluatedKey?.Count ?? 0) > 0)
        {
            return;
        }

        var kafka = new KafkaClientFactory(_settings.Kafka);
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig("processor-audit-check", _settings.Processor.GroupId)).Build();
        var partitions = Enumerable.Range(0, _settings.Topics.Partitions).Select(p => new Confluent.Kafka.TopicPartition(_settings.Topics.Transactions, p)).ToList();
        int committed;
        try
        {
            committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Count(c => c.Offset.Value > 0);
        }
        catch (Confluent.Kafka.KafkaException)
        {
            return; // Only a warning: the processor's own consumer reports a broker that does not answer.
        }

        if (committed > 0)
        {
            _logger.LogWarning(
                "audit table {Table} is empty but group {Group} has committed offsets on {Partitions} partition(s) of {Topic}: earlier flagged verdicts are only on {Processed}; run `fraudlab audit rebuild`",
                _settings.AuditTable.TableName, _settings.Processor.GroupId, committed, _settings.Topics.Transactions, _settings.Topics.Processed);
        }
    }

    /// <summary>Creates missing topics and checks that the join is co-partitioned; returns the rules topic's partition count.</summary>
    private async Task<int> EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        using var admin = new TopicAdmin(new KafkaClientFactory(_settings.Kafka));
        await admin.EnsureTopicsAsync(_settings.Topics, cancellationToken).ConfigureAwait(false);
        var partitions = (await admin.ListTopicsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Name, t => t.Partitions);
        var transactions = partitions[_settings.Topics.Transactions];
        var flags = partitions[_settings.Topics.FlaggedAccounts];
        if (transactions != flags)
        {
            throw new InvalidOperationException(
                $"{_settings.Topics.Transactions} has {transactions} partitions and {_settings.Topics.FlaggedAccounts} {flags}: the join needs the same count (both keyed by Account_Id)");
        }

        return partitions[_settings.Topics.Rules];
    }
}
