using System.CommandLine;
using System.Diagnostics;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Streaming;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab generate transactions|flags</c>: the deterministic generators, to Kafka (keyed by Account_Id, stamped
/// with event time) or with <c>--output</c> to a JSON Lines file. Give both commands the same <c>--seed</c>,
/// <c>--accounts</c> and <c>--start</c> so the flags match the labels exactly.
/// </summary>
internal static class GenerateCommand
{
    private static readonly Option<long?> Count = new Option<long?>("--count") { Description = "How many records (transactions default 1000; flags default: every flagged account)." }
        .AtLeast(0, "0 or more");
    private static readonly Option<double> Rate = new Option<double>("--rate") { Description = "Records per second in wall time, on a fixed schedule; 0 = as fast as possible.", DefaultValueFactory = _ => 0 }
        .AtLeast(0, "0 (as fast as possible) or more records per second");
    private static readonly Option<int?> Seed = new("--seed") { Description = "Random seed (default Generator:Seed, 42): same seed, same records." };
    private static readonly Option<int?> Accounts = new Option<int?>("--accounts") { Description = "Size of the clean account pool (default Generator:Accounts)." }
        .Positive("1 or more accounts");
    private static readonly Option<DateTimeOffset?> Start = new("--start") { Description = "Event time of the first transaction, ISO-8601 (default: now, to the second)." };
    private static readonly Option<FileInfo?> Output = new("--output") { Description = "Write JSON Lines to this file instead of Kafka." };
    private static readonly Option<string?> Mode = new("--mode") { Description = "local (default) or aws." };
    private static readonly Option<string[]?> Scenarios = new("--scenarios")
    {
        Description = "Inject labelled fraud scenarios: all, or a list of high-value-burst, over-threshold, impossible-travel, spend-velocity, denied-ip, card-testing.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<FileInfo?> Labels = new("--labels") { Description = "Save the ground truth, one label per transaction (JSON Lines)." };

    public static Command Create()
    {
        Mode.AcceptOnlyFromAmong("local", "aws");
        var command = new Command("generate", "Generate transactions or flagged accounts, to Kafka or to a JSON Lines file.");
        var transactions = new Command("transactions", "Card transactions: clean baseline, flagged accounts' activity and, with --scenarios, labelled fraud.")
        {
            Count, Rate, Seed, Accounts, Start, Output, Mode, Scenarios, Labels,
        };
        transactions.SetAction((parse, ct) => GenerateTransactionsAsync(parse, ct));
        var flags = new Command("flags", "Flags for the pool's flagged accounts (Flagged_accounts).")
        {
            Count, Rate, Seed, Accounts, Start, Output, Mode,
        };
        flags.SetAction((parse, ct) => GenerateFlagsAsync(parse, ct));
        command.Subcommands.Add(transactions);
        command.Subcommands.Add(flags);
        return command;
    }

    private static async Task<int> GenerateTransactionsAsync(ParseResult parse, CancellationToken ct)
    {
        var (configuration, options) = Load(parse);
        options.Scenarios = ScenariosOf(parse);
        options.FraudRatio = options.Scenarios.Count == 0 ? 0 : options.FraudRatio;
        var generator = new TransactionGenerator(options, configuration.Get<DetectionOptions>(DetectionOptions.Section));
        var count = parse.GetValue(Count) ?? 1000;
        using var labels = parse.GetValue(Labels) is { } labelsFile ? new JsonLinesFile(labelsFile) : null;
        var fraud = 0L;
        var sent = await SendAsync(parse, configuration, configuration.Topics.Transactions, generator.Generate().Take(checked((int)count)), ct,
            toKafka: (publisher, topic, item, created) => publisher.Publish(topic, item.Transaction with { CreatedAt = created }),
            toFile: (file, item) => file.Write(item.Transaction),
            each: item =>
            {
                labels?.Write(item.Label);
                fraud += item.Label.Scenario is FraudScenario.Clean ? 0 : 1;
            });
        CommandRunner.Out.WriteLine(FormattableString.Invariant(
            $"{sent.Count} transactions ({fraud} in fraud scenarios) from {generator.StartTime:O} to {sent.Target} in {sent.Elapsed.TotalSeconds:0.0} s ({sent.Count / Math.Max(sent.Elapsed.TotalSeconds, 1e-3):0}/s)"));
        return 0;
    }

    private static async Task<int> GenerateFlagsAsync(ParseResult parse, CancellationToken ct)
    {
        var (configuration, options) = Load(parse);
        var generator = new FlagGenerator(options);
        var count = parse.GetValue(Count) ?? int.MaxValue;
        var sent = await SendAsync(parse, configuration, configuration.Topics.FlaggedAccounts, generator.Generate().Take((int)Math.Min(count, int.MaxValue)), ct,
            toKafka: (publisher, topic, flag, _) => publisher.Publish(topic, flag),
            toFile: (file, flag) => file.Write(flag),
            each: _ => { });
        CommandRunner.Out.WriteLine(FormattableString.Invariant($"{sent.Count} flags (Flag_Date {generator.FlagDate:O}) to {sent.Target}"));
        return 0;
    }

    /// <summary>Paces <paramref name="items"/> on the --rate schedule into Kafka or the --output file; waits for every acknowledgement.</summary>
    private static async Task<Sent> SendAsync<T>(
        ParseResult parse, KitConfiguration configuration, string topic, IEnumerable<T> items, CancellationToken ct,
        Action<EventPublisher, string, T, DateTimeOffset> toKafka, Action<JsonLinesFile, T> toFile, Action<T> each)
    {
        var pacer = new GeneratorPacer(parse.GetValue(Rate), TimeProvider.System);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        long count = 0;
        if (parse.GetValue(Output) is { } output)
        {
            using var file = new JsonLinesFile(output);
            foreach (var item in items)
            {
                await pacer.WaitNextAsync(ct);
                toFile(file, item);
                each(item);
                count++;
            }

            return new Sent(count, output.FullName, clock.Elapsed);
        }

        await StackPreflight.RequireLocalStackAsync(configuration, kafka: true, dynamoDb: false, ct);
        using var publisher = new EventPublisher(new KafkaClientFactory(configuration.Kafka), "generator");
        using (var admin = new TopicAdmin(new KafkaClientFactory(configuration.Kafka)))
        {
            await admin.EnsureTopicsAsync(configuration.Topics, ct);
        }

        foreach (var item in items)
        {
            // Created_At is when the schedule meant the record to leave, so a stall shows up in measured latency.
            var created = started + await pacer.WaitNextAsync(ct);
            toKafka(publisher, topic, item, created);
            each(item);
            count++;
        }

        WaitForAcknowledgements(publisher, ct);
        return new Sent(count, $"{topic} at {configuration.Kafka.BootstrapServers}", clock.Elapsed);
    }

    private static void WaitForAcknowledgements(EventPublisher publisher, CancellationToken ct)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                publisher.WaitForAcknowledgements(ct);
                return;
            }
            catch (KafkaDeliveryException ex) when (attempt < attempts)
            {
                Console.Error.WriteLine($"fraudlab: warning: {ex.Message}");
            }
            catch (KafkaDeliveryException ex)
            {
                throw new CliException($"Kafka did not acknowledge every record after {attempts} attempts: {ex.Message}");
            }
        }
    }

    private static (KitConfiguration Configuration, GeneratorOptions Options) Load(ParseResult parse)
    {
        var mode = parse.GetValue(Mode) is { } name ? KitConfiguration.ParseMode(name) : (KitMode?)null;
        var configuration = KitConfiguration.Load(mode);
        var options = configuration.Get<GeneratorOptions>(GeneratorOptions.Section);
        options.Seed = parse.GetValue(Seed) ?? options.Seed;
        options.Accounts = parse.GetValue(Accounts) ?? options.Accounts;
        options.StartTime = parse.GetValue(Start) ?? options.StartTime ?? TruncatedNow();
        if (parse.GetValue(Rate) is > 0 and var rate)
        {
            // Event time advances as fast as the records are sent: live-looking traffic.
            options.EventsPerSecond = rate;
        }

        KitConfiguration.Validate(options, GeneratorOptions.Section);
        return (configuration, options);
    }

    private static DateTimeOffset TruncatedNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>No --scenarios: none. --scenarios alone or "all": every one. Otherwise the named ones.</summary>
    private static List<FraudScenario> ScenariosOf(ParseResult parse)
    {
        if (parse.GetResult(Scenarios) is null)
        {
            return [];
        }

        var names = (parse.GetValue(Scenarios) ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0 || names.Contains("all", StringComparer.OrdinalIgnoreCase))
        {
            return new GeneratorOptions().Scenarios;
        }

        return names.Select(ParseScenario).ToList();
    }

    private static FraudScenario ParseScenario(string name)
    {
        var known = new GeneratorOptions().Scenarios.ToDictionary(s => FraudJson.SerializeToString(s).Trim('"'), StringComparer.OrdinalIgnoreCase);
        return known.TryGetValue(name, out var scenario)
            ? scenario
            : throw new CliException($"--scenarios: unknown scenario '{name}' (known: {string.Join(", ", known.Keys)})");
    }

    private sealed record Sent(long Count, string Target, TimeSpan Elapsed);

    /// <summary>One JSON object per line, UTF-8, through the source-generated context.</summary>
    private sealed class JsonLinesFile : IDisposable
    {
        private readonly FileStream _stream;

        public JsonLinesFile(FileInfo file)
        {
            try
            {
                file.Directory?.Create();
                _stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write {file.FullName}: {ex.Message}");
            }
        }

        public void Write<T>(T record)
        {
            _stream.Write(FraudJson.Serialize(record));
            _stream.WriteByte((byte)'\n');
        }

        public void Dispose() => _stream.Dispose();
    }
}
