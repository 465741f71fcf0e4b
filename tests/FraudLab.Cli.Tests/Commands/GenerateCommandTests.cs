using System.Text;
using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Streaming;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary><c>fraudlab generate</c> run as a real process: to files, and to the Kafka of a local stack.</summary>
public sealed class GenerateCommandTests(LocalStackFixture stack) : IClassFixture<LocalStackFixture>
{
    private const string Start = "2026-08-01T00:00:00Z";
    private readonly string _directory = Directory.CreateTempSubdirectory("fraudlab-cli-generate-").FullName;

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static Task<ProcessResult> Cli(IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        ProcessRunner.RunCliAsync(arguments, environment, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Same_seed_same_files_with_one_label_per_transaction()
    {
        string[] common = ["generate", "transactions", "--count", "500", "--seed", "9", "--accounts", "80", "--start", Start, "--scenarios"];

        var first = await Cli(null, [.. common, "--output", PathOf("a.jsonl"), "--labels", PathOf("a-labels.jsonl")]);
        var second = await Cli(null, [.. common, "--output", PathOf("b.jsonl"), "--labels", PathOf("b-labels.jsonl")]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(File.ReadAllBytes(PathOf("a.jsonl")), File.ReadAllBytes(PathOf("b.jsonl")));
        var transactions = File.ReadAllLines(PathOf("a.jsonl")).Select(l => TransactionDecoder.Decode(l)).ToList();
        var labels = File.ReadAllLines(PathOf("a-labels.jsonl")).Select(FraudJson.Deserialize<TransactionLabel>).ToList();
        Assert.Equal(500, transactions.Count);
        Assert.All(transactions, t => Assert.True(t.IsSuccess, t.Error));
        Assert.Equal(transactions.Select(t => t.Value!.TransactionId), labels.Select(l => l.TransactionId));
        Assert.Contains(labels, l => l.Scenario != FraudScenario.Clean);
        Assert.Equal(DateTimeOffset.Parse(Start, System.Globalization.CultureInfo.InvariantCulture), transactions[0].Value!.TransactionDate);
        Assert.Contains("500 transactions", first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_scenarios_only_clean_and_flagged_account_traffic_is_generated()
    {
        var result = await Cli(null, "generate", "transactions", "--count", "300", "--start", Start, "--output", PathOf("t.jsonl"), "--labels", PathOf("l.jsonl"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var scenarios = File.ReadAllLines(PathOf("l.jsonl")).Select(FraudJson.Deserialize<TransactionLabel>).Select(l => l.Scenario).Distinct();
        Assert.All(scenarios, s => Assert.Contains(s, new[] { FraudScenario.Clean, FraudScenario.FlaggedAccount }));
    }

    [Fact]
    public async Task Flags_go_to_the_accounts_the_transaction_generator_labels()
    {
        var result = await Cli(null, "generate", "flags", "--seed", "3", "--accounts", "50", "--start", Start, "--output", PathOf("flags.jsonl"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var flags = File.ReadAllLines(PathOf("flags.jsonl")).Select(FraudJson.Deserialize<FlaggedAccount>).ToList();
        var generator = new TransactionGenerator(new GeneratorOptions { Seed = 3, Accounts = 50, StartTime = DateTimeOffset.Parse(Start, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(generator.FlaggedAccounts.Order(), flags.Select(f => f.AccountId).Order());
        Assert.All(flags, f => Assert.Equal(generator.FlagDate, f.FlagDate));
    }

    [Fact]
    public async Task An_unknown_scenario_is_one_error_line()
    {
        var result = await Cli(null, "generate", "transactions", "--scenarios", "bank-heist", "--output", PathOf("x.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("fraudlab: error: --scenarios: unknown scenario 'bank-heist' (known: high-value-burst, over-threshold, impossible-travel, spend-velocity, denied-ip, card-testing)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Transactions_to_kafka_are_keyed_by_account_and_stamped_with_event_time()
    {
        var topic = LocalStackFixture.UniqueName("tx");
        var environment = new Dictionary<string, string?>
        {
            ["FRAUDLAB_Kafka__BootstrapServers"] = stack.BootstrapServers,
            ["FRAUDLAB_Topics__Transactions"] = topic,
        };

        var result = await Cli(environment, "generate", "transactions", "--count", "200", "--rate", "2000", "--scenarios", "--start", Start);

        Assert.True(result.ExitCode == 0, result.ToString());
        var records = TopicSnapshot.Read(stack.KafkaClients, topic, TestContext.Current.CancellationToken);
        Assert.Equal(200, records.Count);
        Assert.All(records, r =>
        {
            var transaction = TransactionDecoder.Decode(r.Message.Value).Value!;
            Assert.Equal(transaction.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(r.Message.Key!));
            Assert.Equal(transaction.TransactionDate.ToUnixTimeMilliseconds(), r.Message.Timestamp.UnixTimestampMs);
            Assert.NotNull(transaction.CreatedAt);
        });
    }
}
