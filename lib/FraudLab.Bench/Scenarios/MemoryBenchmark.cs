using System.Globalization;
using FraudDetection.Detection;
using FraudLab.Bench.Reporting;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// Detection state per active account: every default rule on, each account with several transactions inside the
/// longest window, managed heap measured after full blocking collections before and after feeding the engine (the
/// events fed are kept alive through both measurements, so only what the engine holds is counted).
/// The processor's working set is estimated as the runtime's own working set (measured when the benchmark started,
/// before it made any events) plus that state: the benchmark process itself holds millions of generated events, so
/// its working set says nothing about a processor's.
/// </summary>
public static class MemoryBenchmark
{
    public const double TargetWorkingSetMb = 500;

    public static IReadOnlyList<BenchResult> Run(int activeAccounts, long runtimeWorkingSetBytes, int transactionsPerAccount = 5)
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
        var workingSetMb = (runtimeWorkingSetBytes + held) / (1024.0 * 1024);
        GC.KeepAlive(engine);
        GC.KeepAlive(workload);

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
            new BenchResult($"detection state with {label} active accounts", Math.Round(held / (1024.0 * 1024), 1), "MB", HigherIsBetter: false, Settings: settings),
            new BenchResult($"processor working set estimate with {label} active accounts", Math.Round(workingSetMb, 1), "MB", TargetWorkingSetMb, HigherIsBetter: false,
                Settings: settings, Notes: "runtime working set at benchmark start + detection state on the heap (an estimate, not a separate process)"),
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
