using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Replay;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary><c>fraudlab replay</c> run as a real process over generated files.</summary>
public sealed class ReplayCommandTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fraudlab-cli-replay-").FullName;

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static readonly GeneratorOptions Generator = new()
    {
        Seed = 4, Accounts = 60, StartTime = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), FraudRatio = 0.05,
    };

    private List<LabelledTransaction> WriteInputs(int count)
    {
        var generated = new TransactionGenerator(Generator).Generate().Take(count).ToList();
        JsonLinesWriter.WriteAll(PathOf("events.jsonl"), generated.Select(g => g.Transaction));
        JsonLinesWriter.WriteAll(PathOf("flags.jsonl"), new FlagGenerator(Generator).Generate());
        return generated;
    }

    private static Task<ProcessResult> Cli(params string[] arguments) =>
        ProcessRunner.RunCliAsync(arguments, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Replays_files_into_one_verdict_per_transaction_and_prints_a_summary()
    {
        var generated = WriteInputs(1000);
        var rules = Path.Combine(FraudDetection.Configuration.KitPaths.Discover().AssetsDirectory, "rules", "default-rules.json");

        var result = await Cli("replay", "--input", PathOf("events.jsonl"), "--flags", PathOf("flags.jsonl"), "--rules", rules, "--output", PathOf("verdicts.jsonl"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var verdicts = File.ReadAllLines(PathOf("verdicts.jsonl")).Select(l => FraudJson.Deserialize<ProcessedTransaction>(l)).ToList();
        Assert.Equal(1000, verdicts.Count);
        Assert.Equal(generated.Count(g => g.Label.ExpectFlagged), verdicts.Count(v => v.Verdict != Verdict.Approve));
        Assert.Contains("transactions", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("matched flagged-account", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rules applied", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Bad_lines_are_reported_on_stderr_and_kept_and_the_exit_code_says_lines_were_rejected()
    {
        WriteInputs(20);
        File.AppendAllLines(PathOf("events.jsonl"), ["{\"Account_Id\":\"x\"}"]);

        var result = await Cli("replay", "--input", PathOf("events.jsonl"), "--output", PathOf("verdicts.jsonl"));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("fraudlab: error: replay completed but rejected 1 line(s) or rule(s), more than --max-rejected 0: 20 transaction(s) decided", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("events.jsonl:21: Account_Id: expected a whole number", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rejected 1 transaction line(s)", result.Stderr, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(PathOf("verdicts.errors.jsonl")));
        Assert.Equal(20, File.ReadAllLines(PathOf("verdicts.jsonl")).Length);
    }

    [Fact]
    public async Task Fails_when_no_transaction_could_be_read()
    {
        File.WriteAllLines(PathOf("events.jsonl"), ["garbage", "{}"]);

        var result = await Cli("replay", "--input", PathOf("events.jsonl"), "--output", PathOf("verdicts.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("fraudlab: error: no valid transaction in", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_is_one_error_line()
    {
        var result = await Cli("replay", "--input", PathOf("nope.jsonl"), "--output", PathOf("verdicts.jsonl"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"fraudlab: error: --input: file not found: {PathOf("nope.jsonl")} (see 'fraudlab replay --help')", line);
    }

    [Fact]
    public async Task Rejected_lines_within_max_rejected_exit_zero()
    {
        WriteInputs(20);
        File.AppendAllLines(PathOf("events.jsonl"), ["{\"Account_Id\":\"x\"}", "not json"]);

        var within = await Cli("replay", "--input", PathOf("events.jsonl"), "--output", PathOf("verdicts.jsonl"), "--max-rejected", "2");
        var beyond = await Cli("replay", "--input", PathOf("events.jsonl"), "--output", PathOf("verdicts.jsonl"), "--max-rejected", "1");

        Assert.True(within.ExitCode == 0, within.ToString());
        Assert.True(beyond.ExitCode == 3, beyond.ToString());
        Assert.Equal(20, File.ReadAllLines(PathOf("verdicts.jsonl")).Length);
    }

    [Fact]
    public async Task A_rules_file_that_is_not_json_is_one_error_line()
    {
        WriteInputs(5);
        File.WriteAllText(PathOf("rules.json"), "{{{");

        var result = await Cli("replay", "--input", PathOf("events.jsonl"), "--rules", PathOf("rules.json"), "--output", PathOf("verdicts.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"fraudlab: error: {PathOf("rules.json")}: malformed rule", result.Stderr, StringComparison.Ordinal);
    }
}
