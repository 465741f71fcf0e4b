using System.Text;
using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Model;

namespace FraudDetection.Replay;

/// <summary>
/// The engine over files (<c>fraudlab replay</c>), through the same <see cref="EngineDriver"/> as the processor:
/// flags are applied first (the flags file is a table), then rules, then the events in file order, each decided on
/// arrival as the processor decides it, so a file gives the verdicts the processor gives for the same per-account order
/// (however the processor's input interleaves accounts and partitions). One verdict line per valid event; every bad
/// line or rejected rule goes to the errors file with its line number and text. Deterministic: same files, same bytes.
/// </summary>
public sealed class ReplayRunner(DetectionOptions options)
{
    /// <summary>A file holds every account: one partition.</summary>
    private const int Partition = 0;

    /// <summary>Runs the replay. Throws <see cref="ReplayException"/> when the rules file is not JSON at all.</summary>
    public ReplaySummary Run(ReplayRequest request)
    {
        var clock = new ReplayClock();
        var driver = EngineDriver.SinglePartition(options, clock);
        var errors = new ErrorLog(request.EffectiveErrorsPath);
        try
        {
            var (flags, badFlags) = request.FlagsPath is null ? (0, 0) : ApplyFlags(driver, request.FlagsPath, errors);
            var (applied, rejected) = request.RulesPath is null ? (0, 0) : ApplyRules(driver, request.RulesPath, errors);
            var tally = new VerdictTally();
            long events = 0, badEvents = 0;
            using (var output = JsonLinesWriter.Create(request.OutputPath))
            using (var input = JsonLinesReader.Open(request.InputPath))
            {
                while (input.TryReadLine(out var number, out var line))
                {
                    var decoded = TransactionDecoder.Decode(line.Span);
                    if (!decoded.IsSuccess)
                    {
                        errors.Add(request.InputPath, number, decoded.Error, line.Span);
                        badEvents++;
                        continue;
                    }

                    events++;
                    clock.Now = decoded.Value.TransactionDate;
                    driver.TryDecide(Partition, decoded.Value, out var decision);
                    tally.Add(decision);
                    output.Write(ProcessedTransaction.From(decision));
                }
            }

            return new ReplaySummary
            {
                Events = events,
                BadEventLines = badEvents,
                Flags = flags,
                BadFlagLines = badFlags,
                RulesApplied = applied,
                RulesRejected = rejected,
                Approved = tally.Approved,
                Reviewed = tally.Reviewed,
                Blocked = tally.Blocked,
                LateEvents = driver.Stats.LateEvents,
                MatchesByRule = tally.ByRule(),
                ErrorsPath = errors.Count > 0 ? request.EffectiveErrorsPath : null,
            };
        }
        finally
        {
            errors.Dispose();
        }
    }

    private static (long Applied, long Bad) ApplyFlags(EngineDriver driver, string path, ErrorLog errors)
    {
        long applied = 0, bad = 0;
        using var input = JsonLinesReader.Open(path);
        while (input.TryReadLine(out var number, out var line))
        {
            var decoded = FlaggedAccountDecoder.Decode(line.Span);
            if (decoded.IsSuccess)
            {
                driver.Apply(Partition, decoded.Value);
                applied++;
            }
            else
            {
                errors.Add(path, number, decoded.Error, line.Span);
                bad++;
            }
        }

        return (applied, bad);
    }

    private static (int Applied, int Rejected) ApplyRules(EngineDriver driver, string path, ErrorLog errors)
    {
        var parsed = RuleDefinitionParser.ParseMany(File.ReadAllBytes(path));
        if (!parsed.IsSuccess)
        {
            throw new ReplayException($"{path}: {parsed.Error}");
        }

        int applied = 0, rejected = 0;
        foreach (var definition in parsed.Value)
        {
            var change = driver.Apply(definition);
            if (change.Accepted)
            {
                applied++;
            }
            else
            {
                errors.Add(path, 0, change.Error!, Encoding.UTF8.GetBytes(change.RuleId));
                rejected++;
            }
        }

        return (applied, rejected);
    }

    /// <summary>Counts verdicts and rule matches.</summary>
    private sealed class VerdictTally
    {
        private readonly Dictionary<string, long> byRule = [];

        public long Approved { get; private set; }

        public long Reviewed { get; private set; }

        public long Blocked { get; private set; }

        public void Add(Decision decision)
        {
            switch (decision.Verdict)
            {
                case Verdict.Approve: Approved++; break;
                case Verdict.Review: Reviewed++; break;
                default: Blocked++; break;
            }

            foreach (var reason in decision.Reasons)
            {
                byRule[reason.RuleId] = byRule.GetValueOrDefault(reason.RuleId) + 1;
            }
        }

        public IReadOnlyList<KeyValuePair<string, long>> ByRule() => [.. byRule.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }

    /// <summary>The errors file, created on the first error only.</summary>
    private sealed class ErrorLog(string path) : IDisposable
    {
        private JsonLinesWriter? writer;

        public long Count => writer?.Count ?? 0;

        public void Add(string file, long line, string error, ReadOnlySpan<byte> text)
        {
            writer ??= JsonLinesWriter.Create(path);
            writer.Write(new ReplayError { File = file, Line = line, Error = error, Text = Encoding.UTF8.GetString(text) });
        }

        public void Dispose() => writer?.Dispose();
    }
}
