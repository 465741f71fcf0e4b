using FraudDetection.Detection;
using FraudDetection.Generation;
using FraudDetection.Model;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// The events every benchmark uses: the kit's own generator (clean traffic plus 1% injected fraud, every
/// scenario), decoded and as the UTF-8 JSON bytes a producer would send. Made once per run, outside any timing.
/// </summary>
public sealed class BenchWorkload
{
    private BenchWorkload(Transaction[] transactions, byte[][] payloads, FlaggedAccount[] flags)
    {
        Transactions = transactions;
        Payloads = payloads;
        Flags = flags;
    }

    public Transaction[] Transactions { get; }

    public byte[][] Payloads { get; }

    public FlaggedAccount[] Flags { get; }

    /// <summary>Mean size of one JSON payload in bytes.</summary>
    public double MeanPayloadBytes => Payloads.Length == 0 ? 0 : Payloads.Average(p => (double)p.Length);

    /// <param name="count">Transactions to make.</param>
    /// <param name="accounts">Size of the account pool (active accounts).</param>
    /// <param name="eventsPerSecond">Spacing of event times, as if produced at this rate.</param>
    public static BenchWorkload Create(int count, int accounts, double eventsPerSecond, int seed = 7)
    {
        var options = new GeneratorOptions
        {
            Seed = seed,
            Accounts = accounts,
            EventsPerSecond = eventsPerSecond,
            StartTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var generator = new TransactionGenerator(options);
        var transactions = generator.Generate().Take(count).Select(l => l.Transaction).ToArray();
        var payloads = Array.ConvertAll(transactions, FraudJson.Serialize);
        var flags = new FlagGenerator(options).Generate().ToArray();
        return new BenchWorkload(transactions, payloads, flags);
    }
}
