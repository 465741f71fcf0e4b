using System.Diagnostics;
using System.Globalization;
using FraudDetection.Configuration;
using FraudLab.Bench.Reporting;
using FraudLab.Bench.Scenarios;

namespace FraudLab.Bench;

/// <summary>
/// Runs the benchmark parts of a profile in order (engine, memory, end to end, ceiling, audit sink) and gathers a
/// <see cref="BenchReport"/>. The parts that need Kafka and DynamoDB share one private local stack.
/// </summary>
public sealed class BenchRunner(BenchProfile profile, KitPaths paths, IProgress<string>? progress = null)
{
    /// <summary>Sustained means: every event decided and p99 creation-to-verdict under this, for the whole phase.</summary>
    public const double SustainedP99LimitMs = 100;

    public const double TargetP99At10kMs = 20;

    /// <summary>Creation-to-verdict p99 targets per latency rate (issue 17): 10 ms at 1k/s, 20 ms at 10k/s, 50 ms at 50k/s.</summary>
    public static IReadOnlyDictionary<double, double> TargetP99Ms { get; } = new Dictionary<double, double> { [1_000] = 10, [10_000] = TargetP99At10kMs, [50_000] = 50 };

    public const double TargetSustainedRate = 200_000;

    public static readonly IReadOnlyList<string> AllParts = ["engine", "memory", "broker", "e2e", "ceiling", "sink"];

    public async Task<BenchReport> RunAsync(IReadOnlyCollection<string> parts, CancellationToken cancellationToken)
    {
        var unknown = parts.Except(AllParts, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown benchmark part(s): {string.Join(", ", unknown)}; choose from {string.Join(", ", AllParts)}");
        }

        bool Wants(string part) => parts.Contains(part, StringComparer.OrdinalIgnoreCase);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var runtimeWorkingSet = Environment.WorkingSet;
        var results = new List<BenchResult>();

        Say($"generating {profile.EngineEvents:N0} events with the kit's generator");
        var workload = BenchWorkload.Create(profile.EngineEvents, accounts: 10_000, eventsPerSecond: 10_000);
        if (Wants("engine"))
        {
            Say("engine throughput on one core");
            results.AddRange(EngineBenchmark.Run(workload, profile.EnginePasses));
        }

        if (Wants("memory"))
        {
            foreach (var accounts in profile.MemoryAccounts)
            {
                Say($"detection state at {accounts:N0} active accounts");
                results.AddRange(MemoryBenchmark.Run(accounts, runtimeWorkingSet));
            }
        }

        if (Wants("broker") || Wants("e2e") || Wants("ceiling") || Wants("sink"))
        {
            Say("starting a private local stack (broker in memory, dynalite) on free ports");
            await using var stack = await BenchStack.StartAsync(paths, progress, cancellationToken).ConfigureAwait(false);
            if (Wants("broker"))
            {
                Say($"broker alone: produce and fetch {profile.BrokerMessages:N0} messages, then latency at 10k msg/s");
                await RecordAsync(results, "broker", () => BrokerBenchmark.RunAsync(stack.BootstrapServers, profile.BrokerMessages, profile.BrokerLatencyDuration, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            if (Wants("e2e"))
            {
                await RecordAsync(results, "end to end", async () => await RunEndToEndAsync(stack, workload, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            if (Wants("ceiling"))
            {
                Say($"ceiling: bare consumer vs processor over {profile.CeilingEvents:N0} events");
                await RecordAsync(results, "ceiling", async () =>
                {
                    var ceiling = await CeilingBenchmark.RunAsync(stack, workload.Transactions, profile.CeilingEvents, cancellationToken, progress).ConfigureAwait(false);
                    return
                    [
                        new BenchResult("bare Confluent.Kafka consumer (ceiling)", ceiling.BareConsumerRate, "events/s"),
                        new BenchResult("processor catching up on the same backlog", ceiling.ProcessorRate, "events/s"),
                        new BenchResult("processor / ceiling", Math.Round(ceiling.Ratio, 3), "ratio", CeilingBenchmark.TargetRatio),
                    ];
                }, cancellationToken).ConfigureAwait(false);
            }

            if (Wants("sink"))
            {
                Say($"audit sink: {profile.SinkItems:N0} items through the processor's batching");
                await RecordAsync(results, "audit sink", async () =>
                {
                    var rate = await AuditSinkBenchmark.RunAsync(stack, workload.Transactions, profile.SinkItems, cancellationToken).ConfigureAwait(false);
                    return [new BenchResult("audit sink to local DynamoDB (dynalite)", rate, "items/s")];
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        return new BenchReport(startedAt, clock.Elapsed, profile.Name, MachineInfo.Current(), results);
    }

    private async Task<IReadOnlyList<BenchResult>> RunEndToEndAsync(BenchStack stack, BenchWorkload workload, CancellationToken cancellationToken)
    {
        var results = new List<BenchResult>();
        var phases = new List<LatencyPhaseResult>();
        var rates = profile.LatencyRates.Concat(profile.SustainedRates).Distinct().ToList();
        foreach (var rate in rates)
        {
            Say($"end to end at {rate:N0} events/s for {profile.LatencyDuration.TotalSeconds:N0} s");
            var duration = profile.LatencyRates.Contains(rate) ? profile.LatencyDuration : profile.SustainedDuration;
            var phase = await EndToEndBenchmark.RunPhaseAsync(
                stack, "e2e" + rate.ToString("F0", CultureInfo.InvariantCulture), rate, duration, workload.Transactions, cancellationToken).ConfigureAwait(false);
            phases.Add(phase);
            if (!profile.LatencyRates.Contains(rate))
            {
                continue;
            }

            var label = rate >= 1000 ? $"{rate / 1000:0.#}k" : rate.ToString("F0", CultureInfo.InvariantCulture);
            results.Add(new BenchResult(
                $"creation to verdict at {label} events/s (p99)",
                phase.CreationToVerdict.P99Ms,
                "ms",
                TargetP99Ms.TryGetValue(rate, out var target) ? target : null,
                HigherIsBetter: false,
                Latency: phase.CreationToVerdict,
                Settings: PhaseSettings(phase, duration),
                Notes: phase.Complete ? null : $"incomplete: {phase.Decided:N0} of {phase.Sent:N0} events decided within the drain timeout"));
            results.Add(new BenchResult(
                $"creation to Processed_topic at {label} events/s, flagged only (p99)",
                phase.CreationToProcessedTopic.P99Ms,
                "ms",
                HigherIsBetter: false,
                Latency: phase.CreationToProcessedTopic,
                Settings: PhaseSettings(phase, duration)));
            results.Add(new BenchResult(
                $"creation to audit acknowledged at {label} events/s, flagged only (p99)",
                phase.CreationToAudited.P99Ms,
                "ms",
                HigherIsBetter: false,
                Latency: phase.CreationToAudited,
                Settings: PhaseSettings(phase, duration),
                Notes: "off the verdict's path: the DynamoDB write follows the verdict; the input offset is committed after it"));
        }

        var sustained = phases.Where(p => p.Complete && p.CreationToVerdict.P99Ms < SustainedP99LimitMs).Select(p => p.TargetRate).DefaultIfEmpty(0).Max();
        results.Add(new BenchResult(
            "maximum sustained rate (p99 < 100 ms, every event decided)",
            sustained,
            "events/s",
            TargetSustainedRate,
            Settings: new Dictionary<string, string> { ["rates tried"] = string.Join(", ", phases.Select(p => $"{p.TargetRate:F0} (p99 {p.CreationToVerdict.P99Ms:0.#} ms{(p.Complete ? "" : ", incomplete")})")) },
            Notes: sustained < TargetSustainedRate ? "highest rate tried that held; see the README for where the time goes" : null));
        return results;
    }

    private static Dictionary<string, string> PhaseSettings(LatencyPhaseResult phase, TimeSpan duration) => new()
    {
        ["target rate"] = phase.TargetRate.ToString("F0", CultureInfo.InvariantCulture),
        ["achieved send rate"] = phase.AchievedSendRate.ToString("F0", CultureInfo.InvariantCulture),
        ["duration s"] = duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture),
        ["events sent"] = phase.Sent.ToString(CultureInfo.InvariantCulture),
        ["events decided"] = phase.Decided.ToString(CultureInfo.InvariantCulture),
        ["delivery errors"] = phase.DeliveryErrors.ToString(CultureInfo.InvariantCulture),
        ["measured by"] = "processor OnDecision hook (outputs acknowledged by Kafka: the verdict is out); Processed_topic consumer for flagged; OnAudited hook (DynamoDB acknowledged) for the audit row",
    };

    /// <summary>
    /// Runs one part; a part that fails (a timeout, a refused connection) becomes a result that says so, and the run
    /// goes on, so one broken part never hides the numbers of the others.
    /// </summary>
    private async Task RecordAsync(List<BenchResult> results, string part, Func<Task<IReadOnlyList<BenchResult>>> run, CancellationToken cancellationToken)
    {
        try
        {
            results.AddRange(await run().ConfigureAwait(false));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Say($"{part} failed: {ex.Message}");
            results.Add(new BenchResult($"{part} (failed)", double.NaN, "", Notes: $"failed: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}"));
        }
    }

    private void Say(string message) => progress?.Report(message);
}
