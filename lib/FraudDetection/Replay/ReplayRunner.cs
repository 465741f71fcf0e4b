using System.Text;
using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Detection.Windows;
using FraudDetection.Model;

namespace FraudDetection.Replay;

/// <summary>
/// The engine over files (<c>fraudlab replay</c>): flags are applied first (the flags file is a table), then rules,
/// then the events in event-time order per account (through an <see cref="EventTimeOrderer"/> with the allowed
/// lateness, so the result does not depend on arrival order within it). One verdict line per valid event; every bad
/// line or rejected rule goes to the errors file with its line number and text. Deterministic: same files, same bytes.
/// </summary>
public sealed class ReplayRunner(DetectionOptions options)
{
    /// <summary>Runs the replay. Throws <see cref="ReplayException"/> when the rules file is not JSON at all.</summary>
    public ReplaySummary Run(ReplayRequest request)
    {
        var clock = new ReplayClock();
        var engine = new DetectionEngine(options, clock);
        var errors = new ErrorLog(request.EffectiveErrorsPath);
        try
        {
            var (flags, badFlags) = request.FlagsPath is null ? (0, 0) : ApplyFlags(engine, request.FlagsPath, errors);
            var (applied, rejected) = request.RulesPath is null ? (0, 0) : ApplyRules(engine, request.RulesPath, errors);
            var tally = new VerdictTally();
            long events = 0, badEvents = 0;
            using (var output = JsonLinesWriter.Create(request.OutputPath))
            using (var input = JsonLinesReader.Open(request.InputPath))
            {
                var orderer = new EventTimeOrderer(options.AllowedLateness);
                var released = new List<Transaction>();
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
                    orderer.Add(decoded.Value, released);
                    Decide(engine, clock, released, output, tally);
                }

                orderer.Flush(released);
                Decide(engine, clock, released, output, tally);
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
                LateEvents = engine.Stats.LateEvents,
                MatchesByRule = tally.ByRule(),
                ErrorsPath = errors.Count > 0 ? request.EffectiveErrorsPath : null,
            };
        }
        finally
        {
            errors.Dispose();
        }
    }

    private static void Decide(DetectionEngine engine, ReplayClock clock, List<Transaction> released, JsonLinesWriter output, VerdictTally tally)
    {
        foreach (var transaction in released)
        {
            clock.Now = transaction.TransactionDate;
            var decision = engine.Process(transaction);
            tally.Add(decision);
            output.Write(ProcessedTransaction.From(decision));
        }

        released.Clear();
    }

    private static (long Applied, long Bad) ApplyFlags(DetectionEngine engine, string path, ErrorLog errors)
    {
        long applied = 0, bad = 0;
        using var input = JsonLinesReader.Open(path);
        while (input.TryReadLine(out var number, out var line))
        {
            var decoded = FlaggedAccountDecoder.Decode(line.Span);
            if (decoded.IsSuccess)
            {
                engine.Apply(decoded.Value);
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

    private static (int Applied, int Rejected) ApplyRules(DetectionEngine engine, string path, ErrorLog errors)
    {
        var parsed = RuleDefinitionParser.ParseMany(File.ReadAllBytes(path));
        if (!parsed.IsSuccess)
        {
            throw new ReplayException($"{path}: {parsed.Error}");
        }

        int applied = 0, rejected = 0;
        foreach (var definition in parsed.Value)
        {
            var change = engine.Apply(definition);
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
