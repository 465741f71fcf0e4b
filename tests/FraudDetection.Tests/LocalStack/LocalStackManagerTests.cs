using System.Net;
using System.Net.Sockets;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;

namespace FraudDetection.Tests.LocalStack;

/// <summary>
/// The manager's decisions that need no running stack: nothing to stop, stale discovery files, taken ports.
/// Starting and stopping a real stack is covered end to end through the CLI (FraudLab.Cli.Tests).
/// </summary>
public sealed class LocalStackManagerTests
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("fraudlab-local-").FullName;

    [Fact]
    public async Task Down_with_nothing_running_says_so_and_succeeds()
    {
        var result = await Manager(TcpPorts.FindFree(), TcpPorts.FindFree()).DownAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.WasRunning);
        Assert.Empty(result.Stopped);
        Assert.Contains(result.Notes, note => note.Contains("not running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Down_with_a_stale_discovery_file_removes_it_and_names_the_dead_pids()
    {
        var manager = Manager(TcpPorts.FindFree(), TcpPorts.FindFree());
        StackDiscoveryTests.Sample(manager.Settings.Stack.KafkaPort, manager.Settings.Stack.DynamoDbPort).Write(manager.Settings.DiscoveryFile);

        var result = await manager.DownAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.WasRunning);
        Assert.False(File.Exists(manager.Settings.DiscoveryFile));
        Assert.Contains(result.Notes, note => note.Contains($"kafka (pid {int.MaxValue}) had already exited", StringComparison.Ordinal));
        Assert.Contains(result.Notes, note => note.Contains($"dynamodb (pid {int.MaxValue - 1}) had already exited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Down_leaves_alone_a_pid_that_now_runs_another_program()
    {
        var manager = Manager(TcpPorts.FindFree(), TcpPorts.FindFree());
        // This test host stands in for "the pid was reused": it runs, but is not the broker.
        StackDiscoveryTests.Sample(manager.Settings.Stack.KafkaPort, manager.Settings.Stack.DynamoDbPort, kafkaPid: Environment.ProcessId).Write(manager.Settings.DiscoveryFile);

        var result = await manager.DownAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(result.Notes, note => note.Contains($"pid {Environment.ProcessId} now runs another program", StringComparison.Ordinal));
        Assert.True(ProcessTable.IsRunning(Environment.ProcessId));
    }

    [Fact]
    public async Task Status_with_nothing_running_reports_both_parts_down_and_the_stale_file()
    {
        var manager = Manager(TcpPorts.FindFree(), TcpPorts.FindFree());
        StackDiscoveryTests.Sample(manager.Settings.Stack.KafkaPort, manager.Settings.Stack.DynamoDbPort).Write(manager.Settings.DiscoveryFile);

        var status = await manager.StatusAsync(TestContext.Current.CancellationToken);

        Assert.False(status.Kafka.Up);
        Assert.False(status.DynamoDb.Up);
        Assert.False(status.AllUp);
        Assert.Null(status.Kafka.Pid);
        Assert.Equal(manager.Settings.BootstrapServers, status.Kafka.Endpoint);
        Assert.Equal(manager.Settings.DynamoDbServiceUrl, status.DynamoDb.Endpoint);
        Assert.Empty(status.Topics);
        Assert.Null(status.AuditItems);
        Assert.Contains(status.Notes, note => note.Contains("stale discovery file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Up_on_a_taken_port_fails_naming_the_port_and_who_holds_it_and_starts_nothing()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var takenPort = ((IPEndPoint)holder.LocalEndpoint).Port;
            var manager = Manager(takenPort, TcpPorts.FindFree());

            var error = await Assert.ThrowsAsync<LocalStackException>(() => manager.UpAsync(cancellationToken: TestContext.Current.CancellationToken));

            Assert.Contains($"port {takenPort} (kafka)", error.Message, StringComparison.Ordinal);
            Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
            Assert.Contains("--kafka-port", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(manager.Settings.DiscoveryFile));
            Assert.False(File.Exists(manager.Settings.KafkaLogFile));
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public void Settings_resolve_files_under_the_state_folder_and_endpoints_from_host_and_ports()
    {
        var settings = Manager(19092, 18000).Settings;

        Assert.Equal(Path.Combine(_stateDirectory, "stack.json"), settings.DiscoveryFile);
        Assert.Equal(Path.Combine(_stateDirectory, "kafka.log"), settings.KafkaLogFile);
        Assert.Equal(Path.Combine(_stateDirectory, "kafka"), settings.KafkaDataDirectory);
        Assert.Null(settings.DynamoDbDataDirectory);
        Assert.Equal("127.0.0.1:19092", settings.BootstrapServers);
        Assert.Equal("127.0.0.1:19092", settings.KafkaClient.BootstrapServers);
        Assert.Equal("http://127.0.0.1:18000", settings.DynamoDbClient.ServiceUrl);
    }

    [Fact]
    public void The_default_state_folder_is_the_kits_local_state_folder()
    {
        var paths = new KitPaths("/srv/kit");
        var settings = new LocalStackSettings(paths, new LocalStackOptions(), new TopicsOptions(), new AuditTableOptions(), new KafkaOptions());

        Assert.Equal(paths.LocalDiscoveryFile, settings.DiscoveryFile);
        Assert.Equal("127.0.0.1:9092", settings.BootstrapServers);
        Assert.Equal("http://127.0.0.1:8000", settings.DynamoDbServiceUrl);
    }

    private LocalStackManager Manager(int kafkaPort, int dynamoPort)
    {
        var stack = new LocalStackOptions { StateDirectory = _stateDirectory, KafkaPort = kafkaPort, DynamoDbPort = dynamoPort, KafkaInMemory = true };
        var settings = new LocalStackSettings(KitPaths.Discover(), stack, new TopicsOptions(), new AuditTableOptions(), new KafkaOptions())
        {
            // Any existing file will do: these tests never get as far as starting the broker.
            CliPath = typeof(LocalStackManagerTests).Assembly.Location,
            StopGrace = TimeSpan.FromSeconds(2),
        };
        return new LocalStackManager(settings);
    }
}
