using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Storage;
using FraudDetection.Streaming;

namespace FraudDetection.LocalStack;

/// <summary>
/// <c>fraudlab local up|down|status</c> as a library, so the CLI, the notebooks and the tests share one implementation.
/// <c>up</c> starts the broker and dynalite as detached background processes, waits until each answers a real request,
/// creates the topics and the audit table, then writes the discovery file; <c>down</c> stops exactly the pids that file
/// names (after checking their command lines) and removes it; <c>status</c> asks both parts over the wire.
/// Every expected failure is a <see cref="LocalStackException"/> with one readable line.
/// </summary>
public sealed class LocalStackManager(LocalStackSettings settings)
{
    public LocalStackSettings Settings => settings;

    public static LocalStackManager From(KitConfiguration configuration) => new(LocalStackSettings.From(configuration));

    /// <summary>Starts the stack, or reports it already running (and makes sure topics and table exist).</summary>
    public async Task<LocalStackUpResult> UpAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        if (StackDiscovery.Read(settings.DiscoveryFile) is { } existing)
        {
            if (existing.LocalStack.KafkaProcess.IsRunning && existing.LocalStack.DynamoDbProcess.IsRunning)
            {
                progress?.Report("already running: checking topics and table");
                var (topics, table) = await CreateResourcesAsync(ClientOptions(existing), progress, cancellationToken).ConfigureAwait(false);
                return new LocalStackUpResult(AlreadyRunning: true, existing, topics, table, notes);
            }

            notes.Add(await CleanStaleAsync(existing, cancellationToken).ConfigureAwait(false));
        }

        var kafkaSpec = BrokerLaunch.Create(settings.Paths.Root, settings.Stack.Host, settings.Stack.KafkaPort, settings.KafkaDataDirectory, settings.Stack.KafkaInMemory, settings.KafkaLogFile, settings.CliPath);
        var dynamoSpec = DynaliteLaunch.Create(settings.Paths.Root, settings.Stack.Host, settings.Stack.DynamoDbPort, settings.DynamoDbDataDirectory, settings.DynamoDbLogFile);
        EnsurePortFree(BrokerLaunch.Name, settings.Stack.KafkaPort, "--kafka-port");
        EnsurePortFree(DynaliteLaunch.Name, settings.Stack.DynamoDbPort, "--dynamodb-port");

        progress?.Report($"starting the Kafka broker on {settings.BootstrapServers} and dynalite on {settings.DynamoDbServiceUrl}");
        var kafka = Launch(kafkaSpec, settings.Stack.KafkaInMemory ? null : settings.KafkaDataDirectory);
        StackDiscovery.StartedProcess? dynamo = null;
        try
        {
            dynamo = Launch(dynamoSpec, settings.DynamoDbDataDirectory);
            var discovery = new StackDiscovery(
                new StackDiscovery.KafkaSection(settings.BootstrapServers),
                new StackDiscovery.DynamoDbSection(settings.DynamoDbServiceUrl),
                new StackDiscovery.LocalStackSection(
                    settings.Stack.Host,
                    settings.Stack.KafkaPort,
                    settings.Stack.DynamoDbPort,
                    settings.Stack.KafkaInMemory,
                    settings.DynamoDbDataDirectory,
                    DateTimeOffset.UtcNow,
                    kafka,
                    dynamo));
            var (kafkaOptions, dynamoOptions) = ClientOptions(discovery);

            progress?.Report("waiting for both to answer");
            await Task.WhenAll(
                ServiceProbe.WaitUntilAnswersAsync("the Kafka broker", settings.BootstrapServers, kafka, async ct => await ServiceProbe.KafkaTopicsAsync(kafkaOptions, ct).ConfigureAwait(false) is not null, settings.StartTimeout, cancellationToken),
                ServiceProbe.WaitUntilAnswersAsync("dynalite", settings.DynamoDbServiceUrl, dynamo, ct => ServiceProbe.DynamoDbAnswersAsync(dynamoOptions, ct), settings.StartTimeout, cancellationToken)).ConfigureAwait(false);

            var (topics, table) = await CreateResourcesAsync((kafkaOptions, dynamoOptions), progress, cancellationToken).ConfigureAwait(false);
            discovery.Write(settings.DiscoveryFile);
            return new LocalStackUpResult(AlreadyRunning: false, discovery, topics, table, notes);
        }
        catch
        {
            // Never leave half a stack behind: stop whatever this call started.
            await StopAsync(kafka, CancellationToken.None).ConfigureAwait(false);
            if (dynamo is not null)
            {
                await StopAsync(dynamo, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// For a stack this kit did not start (the docker compose alternative): waits until both parts answer on the configured
    /// ports, then creates the topics and the table. Starts nothing and writes no discovery file, so <c>down</c> leaves it alone.
    /// </summary>
    public async Task<(IReadOnlyList<string> CreatedTopics, AuditTableStatus Table)> PrepareExternalAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report($"waiting for Kafka on {settings.BootstrapServers} and DynamoDB on {settings.DynamoDbServiceUrl}");
        var deadline = DateTime.UtcNow + settings.StartTimeout;
        var kafka = settings.KafkaClient;
        var dynamo = settings.DynamoDbClient;
        while (await ServiceProbe.KafkaTopicsAsync(kafka, cancellationToken).ConfigureAwait(false) is null
            || !await ServiceProbe.DynamoDbAnswersAsync(dynamo, cancellationToken).ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new LocalStackException($"no external stack answers on {settings.BootstrapServers} and {settings.DynamoDbServiceUrl} within {settings.StartTimeout.TotalSeconds:0} s (docker compose -f assets/docker/docker-compose.yml up -d)");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }

        return await CreateResourcesAsync((kafka, dynamo), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops what <c>up</c> started (per the discovery file) and removes the file. Nothing running is not an error.</summary>
    public async Task<LocalStackDownResult> DownAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (StackDiscovery.Read(settings.DiscoveryFile) is not { } existing)
        {
            return new LocalStackDownResult(WasRunning: false, [], [$"the local stack is not running (no {settings.DiscoveryFile}): nothing to stop"]);
        }

        var stopped = new List<string>();
        var notes = new List<string>();
        foreach (var (name, process) in Parts(existing))
        {
            if (process.IsRunning)
            {
                progress?.Report($"stopping {name} (pid {process.Pid})");
                await StopAsync(process, cancellationToken).ConfigureAwait(false);
                stopped.Add($"{name} (pid {process.Pid})");
            }
            else if (ProcessTable.IsRunning(process.Pid))
            {
                notes.Add($"{name}: pid {process.Pid} now runs another program ({ProcessTable.Describe(process.Pid)}); left alone");
            }
            else
            {
                notes.Add($"{name} (pid {process.Pid}) had already exited");
            }
        }

        File.Delete(settings.DiscoveryFile);
        return new LocalStackDownResult(WasRunning: stopped.Count > 0, stopped, notes);
    }

    /// <summary>Each part as real requests find it, with topics and the audit table's item count.</summary>
    public async Task<LocalStackStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        StackDiscovery? existing = null;
        try
        {
            existing = StackDiscovery.Read(settings.DiscoveryFile);
        }
        catch (LocalStackException ex)
        {
            notes.Add(ex.Message);
        }

        var (kafkaOptions, dynamoOptions) = existing is null
            ? (settings.KafkaClient, settings.DynamoDbClient)
            : ClientOptions(existing);
        var topicsTask = ServiceProbe.KafkaTopicsAsync(kafkaOptions, cancellationToken);
        var dynamoTask = ServiceProbe.DynamoDbAnswersAsync(dynamoOptions, cancellationToken);
        var topics = await topicsTask.ConfigureAwait(false);
        var dynamoUp = await dynamoTask.ConfigureAwait(false);

        long? items = null;
        if (dynamoUp)
        {
            try
            {
                using var client = DynamoDbClientFactory.Create(dynamoOptions, KitMode.Local);
                items = await new AuditTableAdmin(client, settings.AuditTable).CountItemsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceNotFoundException)
            {
                notes.Add($"table {settings.AuditTable.TableName} does not exist (run `fraudlab local up`)");
            }
        }

        var kafkaProcess = existing?.LocalStack.KafkaProcess;
        var dynamoProcess = existing?.LocalStack.DynamoDbProcess;
        if (existing is not null && kafkaProcess?.IsRunning != true && dynamoProcess?.IsRunning != true)
        {
            notes.Add($"stale discovery file {settings.DiscoveryFile}: the processes it names are gone (`fraudlab local up` or `down` cleans it)");
        }

        var kafka = PartStatus(BrokerLaunch.Name, kafkaOptions.BootstrapServers, topics is not null, kafkaProcess);
        var dynamo = PartStatus(DynaliteLaunch.Name, dynamoOptions.ServiceUrl!, dynamoUp, dynamoProcess);
        foreach (var part in new[] { kafka, dynamo }.Where(p => p.Up && p.Pid is null))
        {
            notes.Add($"{part.Name} answers on {part.Endpoint} but was not started by `fraudlab local up` (docker compose?)");
        }

        return new LocalStackStatus(kafka, dynamo, topics ?? [], settings.AuditTable.TableName, items, notes);
    }

    /// <summary>Writes and reads back one Kafka message and one DynamoDB item on the running stack (see <see cref="StackRoundTrip"/>).</summary>
    public Task<StackRoundTripResult> RoundTripAsync(CancellationToken cancellationToken = default)
    {
        var (kafka, dynamo) = StackDiscovery.Read(settings.DiscoveryFile) is { } existing
            ? ClientOptions(existing)
            : (settings.KafkaClient, settings.DynamoDbClient);
        return StackRoundTrip.RunAsync(kafka, dynamo, cancellationToken);
    }

    private static LocalStackPartStatus PartStatus(string name, string endpoint, bool up, StackDiscovery.StartedProcess? process) =>
        new(name, endpoint, up, process?.IsRunning == true ? process.Pid : null, process?.LogFile);

    private static IEnumerable<(string Name, StackDiscovery.StartedProcess Process)> Parts(StackDiscovery discovery) =>
        [(BrokerLaunch.Name, discovery.LocalStack.KafkaProcess), (DynaliteLaunch.Name, discovery.LocalStack.DynamoDbProcess)];

    private (KafkaOptions Kafka, DynamoDbOptions DynamoDb) ClientOptions(StackDiscovery discovery)
    {
        var kafka = settings.KafkaClient;
        kafka.BootstrapServers = discovery.Kafka.BootstrapServers;
        var dynamo = settings.DynamoDbClient;
        dynamo.ServiceUrl = discovery.DynamoDb.ServiceUrl;
        return (kafka, dynamo);
    }

    private async Task<(IReadOnlyList<string> Topics, AuditTableStatus Table)> CreateResourcesAsync(
        (KafkaOptions Kafka, DynamoDbOptions DynamoDb) clients,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            progress?.Report($"creating topics ({settings.Topics.All.Count}, {settings.Topics.Partitions} partitions each)");
            using var admin = new TopicAdmin(new KafkaClientFactory(clients.Kafka));
            var topics = await admin.EnsureTopicsAsync(settings.Topics, cancellationToken).ConfigureAwait(false);

            progress?.Report($"creating table {settings.AuditTable.TableName}");
            using var dynamo = DynamoDbClientFactory.Create(clients.DynamoDb, KitMode.Local);
            var table = await new AuditTableAdmin(dynamo, settings.AuditTable).EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            return (topics, table);
        }
        catch (Exception ex) when (ex is KafkaAdminException or KafkaException or AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException)
        {
            throw new LocalStackException($"the stack started but creating topics and table failed: {ex.Message}", ex);
        }
    }

    /// <summary>Stops the survivors a stale discovery file names, removes it, and says what happened.</summary>
    private async Task<string> CleanStaleAsync(StackDiscovery stale, CancellationToken cancellationToken)
    {
        var gone = new List<string>();
        var stopped = new List<string>();
        foreach (var (name, process) in Parts(stale))
        {
            if (process.IsRunning)
            {
                await StopAsync(process, cancellationToken).ConfigureAwait(false);
                stopped.Add($"{name} (pid {process.Pid})");
            }
            else
            {
                gone.Add($"{name} (pid {process.Pid})");
            }
        }

        File.Delete(settings.DiscoveryFile);
        var survivors = stopped.Count > 0 ? $"; stopped the rest: {string.Join(", ", stopped)}" : string.Empty;
        return $"stale discovery file {settings.DiscoveryFile} cleaned: {string.Join(", ", gone)} no longer running{survivors}";
    }

    private void EnsurePortFree(string name, int port, string option)
    {
        if (TcpPorts.IsFree(settings.Stack.Host, port))
        {
            return;
        }

        var owner = TcpPorts.DescribeOwner(port);
        var by = owner is null ? string.Empty : $" by {owner}";
        throw new LocalStackException($"port {port} ({name}) on {settings.Stack.Host} is taken{by}: stop it or choose another port with {option}");
    }

    private static StackDiscovery.StartedProcess Launch(LaunchSpec spec, string? dataDirectory) =>
        new(BackgroundProcess.Start(spec), spec.Markers, spec.LogFile, dataDirectory);

    private async Task StopAsync(StackDiscovery.StartedProcess process, CancellationToken cancellationToken)
    {
        if (process.IsRunning && !await ProcessTable.TerminateAsync(process.Pid, settings.StopGrace, cancellationToken).ConfigureAwait(false))
        {
            throw new LocalStackException($"pid {process.Pid} did not stop after SIGTERM and SIGKILL: {ProcessTable.Describe(process.Pid)}");
        }
    }
}
