using System.Diagnostics;
using FraudDetection.Detection;
using FraudDetection.Model;
using FraudLab.Bench.Reporting;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// Engine throughput on one core (through the <see cref="EngineDriver"/> the processor and replay use) with every default rule on: (a) decoded events, (b) including JSON decoding,
/// plus bytes allocated per event. Single-threaded on the calling thread; a warm-up pass lets tiered JIT settle;
/// each measured pass starts from a fresh engine so state growth is part of the cost; the median pass is reported.
/// </summary>
public static class EngineBenchmark
{
    public const double TargetEventsPerSecond = 1_000_000;

    /// <summary>The workload holds every account: one partition.</summary>
    private const int Partition = 0;

    public static IReadOnlyList<BenchResult> Run(BenchWorkload workload, int passes = 3)
    {
        RunPass(workload, decode: false);
        RunPass(workload, decode: true);

        var decoded = Median(Enumerable.Range(0, passes).Select(_ => RunPass(workload, decode: false)));
        var withJson = Median(Enumerable.Range(0, passes).Select(_ => RunPass(workload, decode: true)));
        string PerCpuSecond(EnginePass pass) => pass.EventsPerCpuSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["events"] = workload.Transactions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mean payload bytes"] = workload.MeanPayloadBytes.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
            ["passes"] = passes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        return
        [
            new BenchResult("engine, decoded events (1 core)", decoded.EventsPerSecond, "events/s", TargetEventsPerSecond,
                Settings: new Dictionary<string, string>(settings) { ["events per CPU-second"] = PerCpuSecond(decoded) }),
            new BenchResult("engine, incl. JSON decoding (1 core)", withJson.EventsPerSecond, "events/s", TargetEventsPerSecond,
                Settings: new Dictionary<string, string>(settings) { ["events per CPU-second"] = PerCpuSecond(withJson) },
                Notes: withJson.EventsPerSecond < TargetEventsPerSecond ? "below target: see the README's notes on where the time goes" : null),
            new BenchResult("engine, bytes allocated per event (decoded)", decoded.BytesPerEvent, "B/event", HigherIsBetter: false),
            new BenchResult("engine, bytes allocated per event (incl. JSON)", withJson.BytesPerEvent, "B/event", HigherIsBetter: false),
        ];
    }

    /// <summary>One pass over the workload; returns events/s and bytes allocated per event.</summary>
    public static EnginePass RunPass(BenchWorkload workload, bool decode)
    {
        var driver = EngineDriver.SinglePartition(new DetectionOptions());
        foreach (var flag in workload.Flags)
        {
            driver.Apply(Partition, flag);
        }

        var flagged = 0L;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        if (decode)
        {
            foreach (var payload in workload.Payloads)
            {
                var decoded = TransactionDecoder.Decode(payload);
                if (decoded.Value is { } transaction && driver.TryDecide(Partition, transaction, out var decision) && decision.IsFlagged)
                {
                    flagged++;
                }
            }
        }
        else
        {
            foreach (var transaction in workload.Transactions)
            {
                if (driver.TryDecide(Partition, transaction, out var decision) && decision.IsFlagged)
                {
                    flagged++;
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var events = workload.Transactions.Length;
        return new EnginePass(events / elapsed.TotalSeconds, events / Math.Max(cpu.TotalSeconds, 1e-9), (double)allocated / events, flagged);
    }

    private static EnginePass Median(IEnumerable<EnginePass> passes)
    {
        var sorted = passes.OrderBy(p => p.EventsPerSecond).ToArray();
        return sorted[sorted.Length / 2];
    }
}

/// <summary>Result of one engine pass.</summary>
/// <param name="EventsPerCpuSecond">Events per second of the process's CPU time: steadier than wall time on a busy machine.</param>
public readonly record struct EnginePass(double EventsPerSecond, double EventsPerCpuSecond, double BytesPerEvent, long Flagged);
