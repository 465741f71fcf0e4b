using CsCheck;
using FraudDetection.Detection;
using FraudDetection.Model;
using FraudDetection.Replay;

namespace FraudDetection.Tests.Detection;

/// <summary>
/// Processor = replay (issue 12.4): the driver with several partitions, input interleaved at random across accounts
/// and partitions (each account's own order kept), cut by restarts that rebuild a partition's state by replaying the
/// state horizon, decides exactly what <c>fraudlab replay</c> decides over a file in another interleaving.
/// </summary>
public sealed class EngineDriverPropertyTests
{
    private static readonly decimal[] Amounts = [0.5m, 5m, 300m, 600m, 2100m, 12000m];

    /// <summary>A few accounts; times within two hours and out of order (some beyond the lateness); amounts around every threshold; far-apart places.</summary>
    private static readonly Gen<Transaction> GenTransaction =
        Gen.Select(Gen.Int[1, 7], Gen.Int[0, 7200], Gen.Int[0, Amounts.Length - 1], Gen.Int[0, 4])
            .Select((account, second, amount, place) => Tx.At(account, second, Amounts[amount],
                lat: place == 0 ? null : new[] { 0.0, 40.7, 51.5, 35.7, -33.9 }[place],
                lon: place == 0 ? null : new[] { 0.0, -74.0, -0.1, 139.7, 151.2 }[place],
                ip: place == 3 ? "203.0.113.9" : null));

    /// <summary>Per-account sequences, two independent interleavings of them, and restart points.</summary>
    private static readonly Gen<(Transaction[] Events, int FileSeed, int StreamSeed, int[] Restarts)> GenCase =
        Gen.Select(GenTransaction.Array[1, 120], Gen.Int, Gen.Int, Gen.Int[0, 120].Array[0, 4]);

    [Fact]
    public void Partitioned_interleaved_restarted_driver_decides_what_replay_decides()
    {
        var directory = Directory.CreateTempSubdirectory("fraudlab-driver-").FullName;
        try
        {
            GenCase.Sample(c =>
            {
                var name = Guid.NewGuid().ToString("N"); // samples run in parallel
                var file = Path.Combine(directory, name + ".events.jsonl");
                var output = Path.Combine(directory, name + ".verdicts.jsonl");
                JsonLinesWriter.WriteAll(file, Interleave(c.Events, c.FileSeed));
                new ReplayRunner(Options()).Run(new ReplayRequest(file, output, null, null));
                var replayed = File.ReadAllLines(output).Select(l => FraudJson.Deserialize<ProcessedTransaction>(l))
                    .ToDictionary(p => p.TransactionId, p => Summary(p.Verdict, p.Score, p.Late == true, p.Reasons));

                var processed = Process(Interleave(c.Events, c.StreamSeed), partitions: 3, c.Restarts.ToHashSet());
                return replayed.Count == c.Events.Length && processed.Count == replayed.Count
                    && processed.All(p => replayed[p.Key] == p.Value);
            }, iter: 150);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Verdicts_do_not_depend_on_how_accounts_interleave()
    {
        GenCase.Sample(c =>
        {
            var one = Process(Interleave(c.Events, c.FileSeed), partitions: 1, []);
            var other = Process(Interleave(c.Events, c.StreamSeed), partitions: 1, []);
            return one.Count == other.Count && one.All(p => other[p.Key] == p.Value);
        });
    }

    /// <summary>
    /// Like the processor: partition = account mod <paramref name="partitions"/>; at each restart point every partition
    /// is revoked and reassigned, and its state rebuilt from its earlier input within the state horizon before the
    /// newest event time seen (the restorer's bounded replay); the rebuilt decisions are discarded.
    /// </summary>
    private static Dictionary<string, string> Process(IReadOnlyList<Transaction> stream, int partitions, HashSet<int> restarts)
    {
        var driver = new EngineDriver(Options(), TimeProvider.System);
        var history = new List<Transaction>[partitions];
        for (var p = 0; p < partitions; p++)
        {
            driver.Assign(p);
            history[p] = [];
        }

        var result = new Dictionary<string, string>();
        for (var i = 0; i < stream.Count; i++)
        {
            if (restarts.Contains(i))
            {
                for (var p = 0; p < partitions; p++)
                {
                    driver.Revoke(p);
                    driver.Assign(p);
                    var from = history[p].Count == 0 ? DateTimeOffset.MaxValue : history[p].Max(t => t.TransactionDate) - driver.StateHorizon;
                    foreach (var earlier in history[p].SkipWhile(t => t.TransactionDate < from))
                    {
                        driver.TryDecide(p, earlier, out _);
                    }
                }
            }

            var transaction = stream[i];
            var partition = (int)(transaction.AccountId % partitions);
            history[partition].Add(transaction);
            Assert.True(driver.TryDecide(partition, transaction, out var decision));
            result[transaction.TransactionId] = Summary(decision.Verdict, decision.Score, decision.IsLate, decision.Reasons);
        }

        return result;
    }

    /// <summary>A random merge of the accounts' sequences: each account's events keep their relative order.</summary>
    private static List<Transaction> Interleave(Transaction[] events, int seed)
    {
        var queues = events.GroupBy(t => t.AccountId).Select(g => new Queue<Transaction>(g)).ToList();
        var random = new Random(seed);
        var merged = new List<Transaction>(events.Length);
        while (queues.Count > 0)
        {
            var pick = random.Next(queues.Count);
            merged.Add(queues[pick].Dequeue());
            if (queues[pick].Count == 0)
            {
                queues.RemoveAt(pick);
            }
        }

        return merged;
    }

    /// <summary>Defaults, with eviction every few events so that state trimming is exercised mid-stream.</summary>
    private static DetectionOptions Options() => new() { EvictEveryEvents = 5 };

    private static string Summary(Verdict verdict, int score, bool late, IReadOnlyList<Reason> reasons) =>
        $"{verdict} {score} {late} {string.Join(",", reasons.Select(r => $"{r.RuleId}={r.Observed}"))}";
}
