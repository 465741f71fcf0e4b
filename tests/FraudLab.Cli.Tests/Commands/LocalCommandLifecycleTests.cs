using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudDetection.Storage;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary>
/// The stack's life cycle and its failures, each test with a stack of its own (state folder, free ports), run as real
/// <c>fraudlab</c> processes: every failure is one line on stderr and a non-zero exit, and nothing is left running.
/// </summary>
public sealed class LocalCommandLifecycleTests
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("fraudlab-cli-fail-").FullName;
    private readonly int _kafkaPort = TcpPorts.FindFree();
    private readonly int _dynamoPort = TcpPorts.FindFree();

    private string[] StackArguments =>
        ["--state-dir", _stateDirectory, "--kafka-port", Text(_kafkaPort), "--dynamodb-port", Text(_dynamoPort), "--in-memory"];

    [Fact]
    public async Task Down_when_nothing_runs_says_so_and_succeeds()
    {
        var down = await Cli(["local", "down", "--state-dir", _stateDirectory]);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("nothing to stop", down.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_when_nothing_runs_reports_both_down_and_fails()
    {
        var status = await Cli(["local", "status", "--state-dir", _stateDirectory, "--kafka-port", Text(_kafkaPort), "--dynamodb-port", Text(_dynamoPort)]);

        Assert.Equal(1, status.ExitCode);
        AssertOneErrorLine(status, "the local stack is not fully up");
    }

    [Fact]
    public async Task Up_on_a_taken_port_fails_naming_the_port_and_its_holder()
    {
        var holder = new TcpListener(IPAddress.Loopback, _dynamoPort);
        holder.Start();
        try
        {
            var up = await Cli(["local", "up", .. StackArguments]);

            Assert.Equal(1, up.ExitCode);
            AssertOneErrorLine(up, $"port {_dynamoPort} (dynamodb)");
            Assert.Contains($"pid {Environment.ProcessId}", up.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_stateDirectory, "stack.json")));
            Assert.Empty(ProcessSearch.Find("fraudlab.dll", "kafka", Text(_kafkaPort)));
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public async Task Up_without_node_fails_saying_node_is_missing()
    {
        // A PATH with the tools the CLI itself needs but no node: dotnet is started by absolute path.
        var up = await Cli(["local", "up", .. StackArguments], new Dictionary<string, string?> { ["PATH"] = "/usr/sbin:/sbin" });

        Assert.Equal(1, up.ExitCode);
        AssertOneErrorLine(up, "Node.js not found");
        Assert.Empty(ProcessSearch.Find("fraudlab.dll", "kafka", Text(_kafkaPort)));
    }

    [Fact]
    public async Task A_part_that_fails_to_start_is_reported_with_its_log_tail_and_the_other_is_stopped()
    {
        // Node refuses to start when told to preload a module that does not exist; the broker starts fine.
        var missing = Path.Combine(_stateDirectory, "no-such-module.js");
        var up = await Cli(["local", "up", .. StackArguments], new Dictionary<string, string?> { ["NODE_OPTIONS"] = $"--require {missing}" });

        Assert.Equal(1, up.ExitCode);
        AssertOneErrorLine(up, "dynalite failed to start");
        Assert.Contains("Cannot find module", up.Stderr, StringComparison.Ordinal);
        Assert.Empty(ProcessSearch.Find("fraudlab.dll", "kafka", Text(_kafkaPort)));
        Assert.False(File.Exists(Path.Combine(_stateDirectory, "stack.json")));
    }

    [Fact]
    public async Task Up_over_a_stale_discovery_file_cleans_it_then_down_leaves_no_process_behind()
    {
        var discoveryFile = Path.Combine(_stateDirectory, "stack.json");
        var stale = StaleDiscovery();
        stale.Write(discoveryFile);

        var up = await Cli(["local", "up", .. StackArguments]);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("stale discovery file", up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"pid {stale.LocalStack.KafkaProcess.Pid}", up.Stdout, StringComparison.Ordinal);
        var started = StackDiscovery.Read(discoveryFile);
        Assert.NotNull(started);
        Assert.True(started.LocalStack.KafkaProcess.IsRunning);
        Assert.True(started.LocalStack.DynamoDbProcess.IsRunning);

        var down = await Cli(["local", "down", "--state-dir", _stateDirectory]);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains($"stopped kafka (pid {started.LocalStack.KafkaProcess.Pid})", down.Stdout, StringComparison.Ordinal);
        Assert.Contains($"stopped dynamodb (pid {started.LocalStack.DynamoDbProcess.Pid})", down.Stdout, StringComparison.Ordinal);
        Assert.False(ProcessTable.IsRunning(started.LocalStack.KafkaProcess.Pid));
        Assert.False(ProcessTable.IsRunning(started.LocalStack.DynamoDbProcess.Pid));
        Assert.Empty(ProcessSearch.Find("fraudlab.dll", "kafka", Text(_kafkaPort)));
        Assert.Empty(ProcessSearch.Find("dynalite/cli.js", "--port", Text(_dynamoPort)));
        Assert.False(File.Exists(discoveryFile));
        Assert.True(TcpPorts.IsFree("127.0.0.1", _kafkaPort));
        Assert.True(TcpPorts.IsFree("127.0.0.1", _dynamoPort));
    }

    [Fact]
    public async Task Durable_data_survives_down_and_up()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var dynamoPath = Path.Combine(_stateDirectory, "dynamodb-data");
        string[] durable = ["--state-dir", _stateDirectory, "--kafka-port", Text(_kafkaPort), "--dynamodb-port", Text(_dynamoPort), "--dynamodb-path", dynamoPath];
        var bootstrap = $"127.0.0.1:{_kafkaPort}";
        var account = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        string[] values = ["first", "second", "third"];

        var up = await Cli(["local", "up", .. durable]);
        Assert.True(up.ExitCode == 0, up.ToString());
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            foreach (var value in values)
            {
                await producer.ProduceAsync(new TopicPartition("Demo_transactions", 0), new Message<Null, string> { Value = value }, cancellationToken);
            }
        }

        using (var client = DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = $"http://127.0.0.1:{_dynamoPort}" }, KitMode.Local))
        {
            await client.PutItemAsync("fraud_audit_table", AuditKey(account), cancellationToken);
        }

        Assert.True((await Cli(["local", "down", "--state-dir", _stateDirectory])).ExitCode == 0);
        var again = await Cli(["local", "up", .. durable]);
        Assert.True(again.ExitCode == 0, again.ToString());
        try
        {
            Assert.Contains("all present", again.Stdout, StringComparison.Ordinal);
            using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = LocalStackFixture.UniqueName("durable") }).Build();
            consumer.Assign(new TopicPartitionOffset("Demo_transactions", 0, Offset.Beginning));
            var read = new List<string>();
            while (read.Count < values.Length && consumer.Consume(TimeSpan.FromSeconds(30)) is { } result)
            {
                read.Add(result.Message.Value);
            }

            Assert.Equal(values, read);
            using var client = DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = $"http://127.0.0.1:{_dynamoPort}" }, KitMode.Local);
            var item = await client.GetItemAsync("fraud_audit_table", AuditKey(account), consistentRead: true, cancellationToken);
            Assert.True(item.IsItemSet, "the audit item did not survive down and up");
        }
        finally
        {
            await Cli(["local", "down", "--state-dir", _stateDirectory]);
        }
    }

    private static Dictionary<string, AttributeValue> AuditKey(string account) => new()
    {
        ["Account_Id"] = new() { N = account },
        ["Transaction_Id"] = new() { S = "durable-1" },
    };

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static Task<ProcessResult> Cli(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.RunCliAsync(arguments, environment, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The failure is exactly one stderr line, <c>fraudlab: error: …</c>, containing <paramref name="expected"/>.</summary>
    private static void AssertOneErrorLine(ProcessResult result, string expected)
    {
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fraudlab: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    /// <summary>A discovery file left by a stack whose processes are gone (pids that cannot exist).</summary>
    private StackDiscovery StaleDiscovery() => new(
        new StackDiscovery.KafkaSection($"127.0.0.1:{_kafkaPort}"),
        new StackDiscovery.DynamoDbSection($"http://127.0.0.1:{_dynamoPort}"),
        new StackDiscovery.LocalStackSection(
            "127.0.0.1",
            _kafkaPort,
            _dynamoPort,
            KafkaInMemory: true,
            DynamoDbPath: null,
            DateTimeOffset.UtcNow.AddHours(-1),
            new StackDiscovery.StartedProcess(int.MaxValue, ["fraudlab.dll", "kafka"], Path.Combine(_stateDirectory, "kafka.log"), null),
            new StackDiscovery.StartedProcess(int.MaxValue - 1, ["dynalite/cli.js"], Path.Combine(_stateDirectory, "dynamodb.log"), null)));
}
