using System.Globalization;
using FraudDetection.Detection;
using FraudLab.Bench.Reporting;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// Detection state per active account: every default rule on, each account with several transactions inside the
/// longest window, managed heap measured after full blocking collections before and after feeding the engine.
/// The process working set is reported beside it (it includes the runtime and the benchmark's own event arrays,
/// so it is an upper bound for a processor holding the same state).
/// </summary>
public static class MemoryBenchmark
{
    public const double TargetWorkingSetMb = 500;

    public static IReadOnlyList<BenchResult> Run(int activeAccounts, int transactionsPerAccount = 5)
    {
        var workload = BenchWorkload.Create(activeAccounts * transactionsPerAccount, activeAccounts, eventsPerSecond: 100_000);
        var baseline = HeapAfterCollection();

        var engine = new DetectionEngine(new DetectionOptions());
        foreach (var flag in workload.Flags)
        {
            engine.Apply(flag);
        }

        foreach (var transaction in workload.Transactions)
        {
            engine.Process(transaction);
        }

        var held = HeapAfterCollection() - baseline;
        var stats = engine.Stats;
        var workingSetMb = Environment.WorkingSet / (1024.0 * 1024);
        GC.KeepAlive(engine);

        var label = activeAccounts.ToString("N0", CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["active accounts (engine)"] = stats.Accounts.ToString(CultureInfo.InvariantCulture),
            ["window entries"] = stats.WindowEntries.ToString(CultureInfo.InvariantCulture),
            ["transactions per account"] = transactionsPerAccount.ToString(CultureInfo.InvariantCulture),
        };
        return
        [
            new BenchResult($"detection state per active account ({label} accounts)", (double)held / Math.Max(1, stats.Accounts), "B/account",
                HigherIsBetter: false, Settings: settings),
            new BenchResult($"working set with {label} active accounts", Math.Round(workingSetMb, 1), "MB", TargetWorkingSetMb, HigherIsBetter: false,
                Settings: settings, Notes: "process working set of the benchmark holding the engine (includes the runtime and the benchmark's event arrays)"),
        ];
    }

    private static long HeapAfterCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
