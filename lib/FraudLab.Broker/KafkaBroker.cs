using System.Net;
using FraudLab.Broker.Groups;
using FraudLab.Broker.Log;
using FraudLab.Broker.Protocol;
using FraudLab.Broker.Protocol.Apis;
using FraudLab.Broker.Security;
using FraudLab.Broker.Server;
using FraudLab.Broker.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudLab.Broker;

/// <summary>
/// The kit's single-node Kafka-protocol broker. <see cref="StartAsync"/> recovers the data directory
/// (or starts empty in memory), binds the port and serves until <see cref="StopAsync"/>.
/// </summary>
public sealed class KafkaBroker : IAsyncDisposable
{
    private static readonly TimeSpan RetentionCheckInterval = TimeSpan.FromMinutes(1);
    private readonly TopicRegistry _topics;
    private readonly GroupCoordinator _groups;
    private readonly IGroupStore _groupStore;
    private readonly TransactionCoordinator _transactions;
    private readonly KafkaServer _server;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _retentionLoop;
    private int _stopped;

    private KafkaBroker(TopicRegistry topics, GroupCoordinator groups, IGroupStore groupStore, TransactionCoordinator transactions,
        KafkaServer server, ILogger logger)
    {
        _transactions = transactions;
        _topics = topics;
        _groups = groups;
        _groupStore = groupStore;
        _server = server;
        _logger = logger;
        _retentionLoop = RetentionLoopAsync(_stopping.Token);
    }

    /// <summary>The bound endpoint (with the real port when <see cref="BrokerOptions.Port"/> was 0).</summary>
    public IPEndPoint Endpoint => _server.Endpoint;

    /// <summary>What clients put in bootstrap.servers, e.g. "127.0.0.1:9092".</summary>
    public string BootstrapServers { get; private init; } = "";

    /// <summary>Completes once the broker has stopped.</summary>
    public Task Completion => _completion.Task;

    public static Task<KafkaBroker> StartAsync(BrokerOptions options, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<KafkaBroker>();
        if (options.Problems() is [_, ..] problems)
            throw new ArgumentException("Broker options are not usable: " + string.Join("; ", problems), nameof(options));
        ct.ThrowIfCancellationRequested();

        // The certificate is read before the bind (an unusable one names its file); bind next: a second broker
        // on the same port fails there, before it touches the data directory.
        var security = ListenerSecurity.Load(options);
        var server = new KafkaServer(new IPEndPoint(IPAddress.Parse(options.Host), options.Port), options.MaxFrameBytes, security, loggerFactory);
        TopicRegistry? topics = null;
        IGroupStore? groupStore = null;
        TransactionCoordinator? transactions = null;
        try
        {
            topics = OpenTopics(options, loggerFactory);
            groupStore = options.InMemory
                ? new InMemoryGroupStore()
                : new FileGroupStore(Path.Combine(Path.GetFullPath(options.DataDirectory!), "groups"), loggerFactory.CreateLogger<FileGroupStore>());
            var groups = new GroupCoordinator(groupStore, TimeProvider.System, loggerFactory.CreateLogger<GroupCoordinator>());
            transactions = new TransactionCoordinator(
                new TransactionStore(options.InMemory ? null : Path.Combine(Path.GetFullPath(options.DataDirectory!), "transactions")),
                topics, groups, TimeProvider.System, loggerFactory.CreateLogger<TransactionCoordinator>());
            var context = new BrokerContext(options, topics) { Port = server.Endpoint.Port };
            var broker = new KafkaBroker(topics, groups, groupStore, transactions, server, logger)
            {
                BootstrapServers = $"{context.AdvertisedHost}:{server.Endpoint.Port}",
            };
            var handlers = CreateHandlers(context, groups, transactions, loggerFactory);
            if (security.RequiresSasl) handlers = handlers.Append(new SaslHandshakeApi()).Append(new SaslAuthenticateApi());
            server.Start(new ApiRegistry(handlers));
            logger.LogInformation("Kafka broker listening on {Endpoint} ({Protocol}, {Storage}), {Topics} topics",
                server.Endpoint, security.Protocol, options.InMemory ? "in memory" : Path.GetFullPath(options.DataDirectory!), topics.All.Count);
            return Task.FromResult(broker);
        }
        catch
        {
            transactions?.Dispose();
            (groupStore as IDisposable)?.Dispose();
            topics?.Dispose();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult(); // never started: nothing to wait for
            throw;
        }
    }

    /// <summary>Locks the data directory and recovers every topic in it (or starts empty in memory).</summary>
    private static TopicRegistry OpenTopics(BrokerOptions options, ILoggerFactory loggers)
    {
        ILogDirectory directory = options.InMemory ? new MemoryLogDirectory() : new FileLogDirectory(Path.GetFullPath(options.DataDirectory!));
        try
        {
            return new TopicRegistry(options, directory, TimeProvider.System, loggers.CreateLogger<TopicRegistry>());
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Stops accepting, closes every connection, flushes the logs and completes <see cref="Completion"/>.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await Completion.ConfigureAwait(false);
            return;
        }
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
            await _retentionLoop.ConfigureAwait(false);
            _transactions.Dispose();
            await _groups.DisposeAsync().ConfigureAwait(false);
            (_groupStore as IDisposable)?.Dispose();
            _topics.Flush();
            _topics.Dispose();
            _logger.LogInformation("Kafka broker on {Endpoint} stopped (GC over its lifetime: {Gen0}/{Gen1}/{Gen2} collections of gen 0/1/2, {PauseMs:F0} ms paused)",
                Endpoint, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);
            _completion.TrySetResult();
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
            throw;
        }
        finally
        {
            _stopping.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static IEnumerable<IApiHandler> CreateHandlers(BrokerContext context, GroupCoordinator groups, TransactionCoordinator transactions,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("FraudLab.Broker.Requests");
        return
        [
            new ProduceApi(context, transactions, logger),
            new FetchApi(context),
            new ListOffsetsApi(context),
            new MetadataApi(context),
            new InitProducerIdApi(transactions),
            new AddPartitionsToTxnApi(transactions),
            new AddOffsetsToTxnApi(transactions),
            new EndTxnApi(transactions),
            new TxnOffsetCommitApi(transactions),
            new CreateTopicsApi(context, logger),
            new DeleteTopicsApi(context, groups),
            new DescribeConfigsApi(context),
            new FindCoordinatorApi(context),
            new JoinGroupApi(groups),
            new SyncGroupApi(groups),
            new HeartbeatApi(groups),
            new LeaveGroupApi(groups),
            new OffsetCommitApi(groups),
            new OffsetFetchApi(groups),
            new ListGroupsApi(groups),
            new DescribeGroupsApi(groups),
        ];
    }

    private async Task RetentionLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RetentionCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                // A failed check (a file that cannot be deleted, say) is logged and retried next tick.
                try { _topics.EnforceRetention(); }
                catch (Exception e) when (e is not OperationCanceledException) { _logger.LogError(e, "Retention check failed"); }
            }
        }
        catch (OperationCanceledException) { }
    }
}
