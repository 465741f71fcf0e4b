using FraudDetection.Detection;
using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Replay;

namespace FraudDetection.Tests.Replay;

public sealed class ReplayRunnerTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("fraudlab-replay-").FullName;

    private static readonly GeneratorOptions Generator = new()
    {
        Seed = 21, Accounts = 80, StartTime = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), FraudRatio = 0.05, FlaggedAccounts = 2,
    };

    private string PathOf(string name) => Path.Combine(directory, name);

    /// <summary>Writes events, flags and labels files for <paramref name="count"/> generated transactions.</summary>
    private List<LabelledTransaction> WriteInputs(int count, Func<List<LabelledTransaction>, IEnumerable<LabelledTransaction>>? arrange = null)
    {
        var generated = new TransactionGenerator(Generator).Generate().Take(count).ToList();
        JsonLinesWriter.WriteAll(PathOf("events.jsonl"), (arrange?.Invoke(generated) ?? generated).Select(g => g.Transaction));
        JsonLinesWriter.WriteAll(PathOf("flags.jsonl"), new FlagGenerator(Generator).Generate());
        return generated;
    }

    private ReplaySummary Run(string output = "verdicts.jsonl", bool flags = true, string? rules = null) =>
        new ReplayRunner(new DetectionOptions()).Run(new ReplayRequest(PathOf("events.jsonl"), PathOf(output), flags ? PathOf("flags.jsonl") : null, rules));

    private List<ProcessedTransaction> Verdicts(string output = "verdicts.jsonl") =>
        [.. File.ReadAllLines(PathOf(output)).Select(l => FraudJson.Deserialize<ProcessedTransaction>(l))];

    [Fact]
    public void Replayed_files_give_the_labelled_verdicts()
    {
        var generated = WriteInputs(3000);

        var summary = Run();

        var byId = Verdicts().ToDictionary(v => v.TransactionId);
        Assert.Equal(3000, summary.Events);
        Assert.Equal(3000, byId.Count);
        foreach (var (transaction, label) in generated)
        {
            Assert.Equal(label.ExpectedRuleIds, byId[transaction.TransactionId].Reasons.Select(r => r.RuleId).Order(StringComparer.Ordinal));
        }

        Assert.Equal(generated.Count(g => g.Label.ExpectFlagged), summary.Flagged);
        Assert.Equal(2, summary.Flags);
        Assert.Null(summary.ErrorsPath);
    }

    [Fact]
    public void Output_is_the_same_bytes_on_every_run_and_for_any_interleaving_of_accounts()
    {
        WriteInputs(1500);
        Run("first.jsonl");
        Run("second.jsonl");
        Assert.Equal(File.ReadAllBytes(PathOf("first.jsonl")), File.ReadAllBytes(PathOf("second.jsonl")));

        // Swap neighbours of different accounts: each account's own order is kept, so every verdict is too.
        WriteInputs(1500, list =>
        {
            for (var i = 0; i + 1 < list.Count; i += 2)
            {
                if (list[i].Transaction.AccountId != list[i + 1].Transaction.AccountId)
                {
                    (list[i], list[i + 1]) = (list[i + 1], list[i]);
                }
            }

            return list;
        });
        Run("shuffled.jsonl");
        Assert.Equal(
            Verdicts("first.jsonl").Select(v => (v.TransactionId, v.Verdict, v.Score)).Order(),
            Verdicts("shuffled.jsonl").Select(v => (v.TransactionId, v.Verdict, v.Score)).Order());
    }

    [Fact]
    public void Bad_lines_are_kept_in_the_errors_file_with_their_line_numbers()
    {
        var good = FraudJson.SerializeToString(Detection.Tx.At(1, 0));
        File.WriteAllLines(PathOf("events.jsonl"), [good, "{not json", good.Replace("\"In Store\"", "\"Teleport\"", StringComparison.Ordinal), "", FraudJson.SerializeToString(Detection.Tx.At(1, 1))]);
        File.WriteAllLines(PathOf("flags.jsonl"), ["{\"Account_Id\":1}"]);

        var summary = Run();

        Assert.Equal((2L, 2L, 1L), (summary.Events, summary.BadEventLines, summary.BadFlagLines));
        Assert.Equal(2, File.ReadAllLines(PathOf("verdicts.jsonl")).Length);
        Assert.Equal(PathOf("verdicts.errors.jsonl"), summary.ErrorsPath);
        var errors = File.ReadAllLines(summary.ErrorsPath!).Select(l => FraudJson.Deserialize<ReplayError>(l)).ToList();
        Assert.Equal([(PathOf("flags.jsonl"), 1L), (PathOf("events.jsonl"), 2L), (PathOf("events.jsonl"), 3L)], errors.Select(e => (e.File, e.Line)));
        Assert.Equal("{not json", errors[1].Text);
        Assert.StartsWith("Transaction_Type: must be \"Online\" or \"In Store\", got \"Teleport\"", errors[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_rules_are_reported_and_valid_ones_applied()
    {
        WriteInputs(10);
        File.WriteAllText(PathOf("rules.json"), """
            [{"Rule_Id":"tiny","Aggregate":"count","Operator":">=","Limit":1,"Window":"00:00:00","Where":{"Field":"Transaction_Amount","Operator":"<","Value":1000000}},
             {"Rule_Id":"broken","Aggregate":"median","Operator":">","Limit":1,"Window":"00:01:00"}]
            """);

        var summary = Run(rules: PathOf("rules.json"));

        Assert.Equal((1, 1), (summary.RulesApplied, summary.RulesRejected));
        Assert.Equal(10, summary.MatchesByRule.Single(p => p.Key == "tiny").Value);
        var error = FraudJson.Deserialize<ReplayError>(File.ReadAllLines(summary.ErrorsPath!).Single());
        Assert.Equal("broken", error.Text);
        Assert.Contains("Aggregate", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rules_file_that_is_not_json_stops_the_replay_naming_the_file()
    {
        WriteInputs(10);
        File.WriteAllText(PathOf("rules.json"), "rules: yes");

        var ex = Assert.Throws<ReplayException>(() => Run(rules: PathOf("rules.json")));

        Assert.Contains("rules.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Late_events_in_a_file_are_counted_and_still_decided()
    {
        File.WriteAllLines(PathOf("events.jsonl"), [FraudJson.SerializeToString(Detection.Tx.At(1, 600)), FraudJson.SerializeToString(Detection.Tx.At(1, 0, 20000m))]);

        var summary = Run(flags: false);

        Assert.Equal(1, summary.LateEvents);
        var late = Verdicts().Single(v => v.Late == true);
        Assert.Equal(["over-threshold"], late.Reasons.Select(r => r.RuleId)); // stateless rules only: no spend velocity
        Assert.Equal(Verdict.Review, late.Verdict);
        Assert.Equal(late.EventTime, late.ProcessedTime);
    }
}
