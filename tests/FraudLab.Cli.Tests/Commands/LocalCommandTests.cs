using Amazon.DynamoDBv2.Model;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudDetection.Storage;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary>
/// <c>fraudlab local up|status|down</c> run as real processes against one stack started by <c>local up</c>;
/// every client talks to it over loopback TCP exactly as a user's tools would.
/// </summary>
public sealed class LocalCommandTests(LocalUpStack stack) : IClassFixture<LocalUpStack>
{
    private static readonly string[] WorkshopTopics = ["Demo_transactions", "Flagged_accounts", "Processed_topic"];

    [Fact]
    public void Up_prints_the_endpoints_and_writes_a_discovery_file_naming_both_processes()
    {
        Assert.Contains(stack.BootstrapServers, stack.Up.Stdout, StringComparison.Ordinal);
        Assert.Contains(stack.DynamoDbServiceUrl, stack.Up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"kcat -b {stack.BootstrapServers} -L", stack.Up.Stdout, StringComparison.Ordinal);

        Assert.Equal(stack.BootstrapServers, stack.Discovery.Kafka.BootstrapServers);
        Assert.Equal(stack.DynamoDbServiceUrl, stack.Discovery.DynamoDb.ServiceUrl);
        Assert.True(stack.Discovery.LocalStack.KafkaProcess.IsRunning);
        Assert.True(stack.Discovery.LocalStack.DynamoDbProcess.IsRunning);
        Assert.True(File.Exists(stack.Discovery.LocalStack.KafkaProcess.LogFile));
    }

    [Fact]
    public async Task Status_reports_both_parts_up_with_the_topics_and_the_table()
    {
        var status = await ProcessRunner.RunCliAsync(["local", "status", .. stack.StackArguments], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"{stack.Discovery.LocalStack.KafkaProcess.Pid}", status.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{stack.Discovery.LocalStack.DynamoDbProcess.Pid}", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("down", status.Stdout, StringComparison.Ordinal);
        foreach (var topic in new TopicsOptions().All)
        {
            Assert.Contains($"{topic}[4]", status.Stdout, StringComparison.Ordinal);
        }

        Assert.Matches(@"fraud_audit_table: \d+ items", status.Stdout);
    }

    [Fact]
    public async Task Up_twice_is_harmless_and_reports_the_same_processes_already_running()
    {
        var again = await ProcessRunner.RunCliAsync(["local", "up", .. stack.StackArguments, "--in-memory"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already running", again.Stdout, StringComparison.Ordinal);
        var discovery = StackDiscovery.Read(stack.DiscoveryFile);
        Assert.NotNull(discovery);
        Assert.Equal(stack.Discovery.LocalStack.KafkaProcess.Pid, discovery.LocalStack.KafkaProcess.Pid);
        Assert.Equal(stack.Discovery.LocalStack.DynamoDbProcess.Pid, discovery.LocalStack.DynamoDbProcess.Pid);
        Assert.Single(ProcessSearch.Find("dynalite/cli.js", "--port", stack.DynamoDbPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Up_external_uses_a_running_stack_as_it_is_and_starts_nothing()
    {
        // Another state folder: to this invocation the stack is "someone else's", as a docker compose stack would be.
        var otherState = Directory.CreateTempSubdirectory("fraudlab-cli-external-").FullName;
        string[] arguments = ["local", "up", "--external", "--state-dir", otherState, .. stack.StackArguments.Skip(2)];

        var external = await ProcessRunner.RunCliAsync(arguments, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(external.ExitCode == 0, external.ToString());
        Assert.Contains("topics all present, table fraud_audit_table present", external.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(otherState, "stack.json")));
        Assert.Single(ProcessSearch.Find("dynalite/cli.js", "--port", stack.DynamoDbPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Kcat_lists_the_workshop_topics()
    {
        var kcat = RequireKcat();

        var list = await ProcessRunner.RunAsync(kcat, ["-b", stack.BootstrapServers, "-L"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(list.ExitCode == 0, list.ToString());
        foreach (var topic in WorkshopTopics)
        {
            Assert.Contains($"topic \"{topic}\" with 4 partitions", list.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Kcat_produces_and_consumes_keyed_messages()
    {
        var kcat = RequireKcat();
        var cancellationToken = TestContext.Current.CancellationToken;
        var topic = LocalStackFixture.UniqueName("kcat");
        string[] lines = ["k1:first", "k2:second", "k1:third"];

        var produce = await ProcessRunner.RunAsync(kcat, ["-b", stack.BootstrapServers, "-P", "-t", topic, "-p", "0", "-K:"], stdin: string.Join('\n', lines) + "\n", cancellationToken: cancellationToken);
        Assert.True(produce.ExitCode == 0, produce.ToString());

        var consume = await ProcessRunner.RunAsync(kcat, ["-b", stack.BootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-f", "%k:%s\\n"], cancellationToken: cancellationToken);
        Assert.True(consume.ExitCode == 0, consume.ToString());
        Assert.Equal(lines, consume.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Confluent_producer_and_consumer_group_round_trip()
    {
        await KafkaRoundTrip.AssertAsync(stack.BootstrapServers);
    }

    [Fact]
    public async Task The_audit_table_created_by_up_takes_writes_and_answers_queries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = stack.DynamoDbServiceUrl }, KitMode.Local);
        var account = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var item = new Dictionary<string, AttributeValue>
        {
            ["Account_Id"] = new() { N = account },
            ["Transaction_Id"] = new() { S = "abc123" },
        };

        await client.PutItemAsync("fraud_audit_table", item, cancellationToken);
        var query = await client.QueryAsync(
            new QueryRequest
            {
                TableName = "fraud_audit_table",
                KeyConditionExpression = "Account_Id = :account",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":account"] = new() { N = account } },
            },
            cancellationToken);

        Assert.Equal(["abc123"], query.Items.Select(i => i["Transaction_Id"].S));
    }

    /// <summary>kcat is part of the set-up (download.sh installs it); without it these checks cannot run here.</summary>
    private static string RequireKcat()
    {
        var kcat = ExecutableSearch.FindOnPath("kcat");
        if (kcat is null)
        {
            Assert.Skip("kcat is not installed (apt-get install kcat, or run ./download.sh as root)");
        }

        return kcat;
    }
}
