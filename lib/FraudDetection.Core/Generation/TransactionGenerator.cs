using System.Net;
using System.Net.Sockets;
using Bogus;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Detection.Rules;
using FraudDetection.Model;

namespace FraudDetection.Generation;

/// <summary>
/// Deterministic transaction stream with ground-truth labels: clean baseline traffic on the account pool, the pool's
/// flagged accounts (see <see cref="FlagGenerator"/>), and injected fraud scenarios, one per rule, each on a fresh
/// account. Events come out in non-decreasing event time; the stream is endless (take what you need).
/// <para>
/// The clean baseline never trips a rule under the given detection options: amounts stay between the card-testing
/// "small" limit and MaxSum/MaxCount, each account waits more than SpendVelocity.Window/MaxCount between two
/// transactions (in event time; if the pool is too small for the rate, event time runs ahead of the rate), stays
/// near its home city and uses an address off the deny list.
/// </para>
/// </summary>
public sealed class TransactionGenerator
{
    private static readonly IReadOnlyList<string> None = [];

    /// <summary>Longest gap, in seconds, between two transactions of a scenario.</summary>
    private const double ScenarioStepSeconds = 20;

    private readonly GeneratorOptions options;
    private readonly DetectionOptions detection;
    private readonly AccountPool pool;
    private readonly ScenarioLabeller labeller;
    private readonly IPNetwork? deniedRange;
    private readonly FraudScenario[] rotation;
    private readonly HashSet<long> flagged;
    private readonly long stepTicks;
    private readonly long minSpacingTicks;
    private readonly decimal cleanMin;
    private readonly decimal cleanMax;
    private readonly double jitterDegrees;

    public TransactionGenerator(GeneratorOptions options, DetectionOptions? detection = null, TimeProvider? time = null)
    {
        OptionsValidation.Validate(options, GeneratorOptions.Section);
        this.options = options;
        this.detection = detection ?? new DetectionOptions();
        OptionsValidation.Validate(this.detection, DetectionOptions.Section);
        StartTime = StartOf(options, time);
        var deny = new IpRangeList(this.detection.IpList.Enabled ? this.detection.IpList.Deny : []);
        pool = new AccountPool(options, deny);
        labeller = new ScenarioLabeller(this.detection);
        deniedRange = this.detection.IpList.Deny.Select(ParseNetwork)
            .FirstOrDefault(n => n is { } net && net.BaseAddress.AddressFamily == AddressFamily.InterNetwork && net.PrefixLength is >= 8 and <= 30);
        rotation = [.. options.Scenarios.Distinct().Where(s => s != FraudScenario.Clean && (s != FraudScenario.DeniedIp || deniedRange is not null))];
        flagged = [.. pool.Flagged];

        var velocity = this.detection.SpendVelocity;
        stepTicks = Math.Max(1, (long)(TimeSpan.TicksPerSecond / options.EventsPerSecond));
        minSpacingTicks = velocity.Window.Ticks / velocity.MaxCount + TimeSpan.TicksPerSecond;
        cleanMin = Math.Max(1.00m, this.detection.CardTesting.SmallAmount);
        cleanMax = Math.Max(cleanMin, Math.Min(100m, decimal.Floor(velocity.MaxSum / velocity.MaxCount * 100) / 100));
        jitterDegrees = Math.Min(0.2, this.detection.ImpossibleTravel.MinDistanceKm / 4 / 111);
    }

    /// <summary>Event time of the first transaction.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>Flag_Date the flag generator gives the flagged accounts.</summary>
    public DateTimeOffset FlagDate => StartTime + options.FlagDelay;

    /// <summary>Pool accounts that are flagged from <see cref="FlagDate"/>.</summary>
    public IReadOnlyList<long> FlaggedAccounts => pool.Flagged;

    public IEnumerable<LabelledTransaction> Generate()
    {
        var random = new Randomizer(options.Seed);
        var clock = StartTime.UtcTicks;
        var free = new PriorityQueue<long, long>();
        for (var i = 0L; i < options.Accounts; i++)
        {
            free.Enqueue(options.FirstAccountId + i, clock);
        }

        var pending = new PriorityQueue<LabelledTransaction, (long Ticks, long Sequence)>();
        long sequence = 0;
        var next = 0;
        while (true)
        {
            if (pending.TryPeek(out _, out var due) && due.Ticks <= clock)
            {
                yield return pending.Dequeue();
                clock += stepTicks;
                continue;
            }

            if (rotation.Length > 0 && random.Double() < options.FraudRatio)
            {
                foreach (var scheduled in Scenario(rotation[next++ % rotation.Length], clock, random))
                {
                    pending.Enqueue(scheduled, (scheduled.Transaction.TransactionDate.UtcTicks, sequence++));
                }

                continue;
            }

            free.TryPeek(out var account, out var freeAt);
            if (freeAt > clock)
            {
                // Every account is resting: jump ahead, but not past a scheduled scenario event.
                clock = pending.TryPeek(out _, out var nextDue) ? Math.Min(nextDue.Ticks, freeAt) : freeAt;
                continue;
            }

            free.Dequeue();
            free.Enqueue(account, clock + minSpacingTicks + random.Long(0, minSpacingTicks));
            yield return Clean(pool.Profile(account), clock, random);
            clock += stepTicks;
        }
    }

    private LabelledTransaction Clean(AccountProfile profile, long ticks, Randomizer random)
    {
        var time = new DateTimeOffset(ticks, TimeSpan.Zero);
        var transaction = NewTransaction(profile, time, Amount(random, cleanMin, cleanMax), random, jitter: true);
        var isFlagged = flagged.Contains(profile.AccountId) && detection.FlaggedAccount.Enabled
            && time >= FlagDate && time < FlagDate + detection.FlaggedAccount.FlagTtl;
        return new LabelledTransaction(transaction, new TransactionLabel
        {
            AccountId = profile.AccountId,
            TransactionId = transaction.TransactionId,
            Scenario = isFlagged ? FraudScenario.FlaggedAccount : FraudScenario.Clean,
            ExpectedRuleIds = isFlagged ? [BuiltInRuleIds.FlaggedAccount] : None,
        });
    }

    /// <summary>One injected scenario on a fresh account starting at <paramref name="startTicks"/>, labelled.</summary>
    private IEnumerable<LabelledTransaction> Scenario(FraudScenario scenario, long startTicks, Randomizer random)
    {
        var profile = pool.NextScenarioAccount();
        var start = new DateTimeOffset(startTicks, TimeSpan.Zero);
        var sequence = new List<Transaction>();
        var own = new List<IReadOnlyList<string>>();

        void Add(Transaction transaction, string? rule = null)
        {
            sequence.Add(transaction);
            own.Add(rule is null ? None : [rule]);
        }

        switch (scenario)
        {
            case FraudScenario.OverThreshold:
                Add(NewTransaction(profile, start, Amount(random, detection.OverThreshold.Amount + 0.01m, detection.OverThreshold.Amount + 5000m), random));
                break;

            case FraudScenario.HighValueBurst:
                var burst = detection.HighValueBurst;
                for (var k = 0; k < burst.Count; k++)
                {
                    Add(NewTransaction(profile, start + Spacing(burst.Window, burst.Count) * k, Amount(random, burst.Amount + 0.01m, burst.Amount + 1000m), random));
                }

                break;

            case FraudScenario.ImpossibleTravel:
                var travel = detection.ImpossibleTravel;
                var (far, km) = FarthestCity(profile.HomeCity);
                var gap = TimeSpan.FromSeconds(Math.Max(1, Math.Floor(Math.Min(ScenarioStepSeconds, km / (2 * travel.MaxSpeedKmh) * 3600))));
                Add(NewTransaction(profile, start, Amount(random, cleanMin, cleanMax), random));
                Add(NewTransaction(profile, start + gap, Amount(random, cleanMin, cleanMax), random) with
                {
                    City = WorldCities.All[far].City,
                    Country = WorldCities.All[far].Country,
                    Latitude = WorldCities.All[far].Latitude,
                    Longitude = WorldCities.All[far].Longitude,
                }, km >= travel.MinDistanceKm ? BuiltInRuleIds.ImpossibleTravel : null);
                break;

            case FraudScenario.SpendVelocity:
                var velocity = detection.SpendVelocity;
                var count = velocity.MaxCount + 1;
                var small = Math.Max(cleanMin, decimal.Floor(velocity.MaxSum / count / 2 * 100) / 100);
                for (var k = 0; k < count; k++)
                {
                    Add(NewTransaction(profile, start + Spacing(velocity.Window, count) * k, Amount(random, cleanMin, small), random));
                }

                break;

            case FraudScenario.DeniedIp:
                Add(NewTransaction(profile, start, Amount(random, cleanMin, cleanMax), random) with { IpAddress = DeniedAddress(random) },
                    BuiltInRuleIds.IpDenyList);
                break;

            case FraudScenario.CardTesting:
                var testing = detection.CardTesting;
                Add(NewTransaction(profile, start, Amount(random, 0.01m, Math.Max(0.01m, testing.SmallAmount - 0.01m)), random));
                Add(NewTransaction(profile, start + Spacing(testing.Window, 2), Amount(random, testing.LargeAmount + 0.01m, testing.LargeAmount + 400m), random));
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "not an injected scenario");
        }

        var labels = labeller.Label(sequence, own);
        for (var i = 0; i < sequence.Count; i++)
        {
            yield return new LabelledTransaction(sequence[i], new TransactionLabel
            {
                AccountId = profile.AccountId,
                TransactionId = sequence[i].TransactionId,
                Scenario = scenario,
                ExpectedRuleIds = labels[i],
            });
        }
    }

    /// <summary>Gap between a scenario's transactions: all of them inside <paramref name="window"/>, and short, so a scenario completes soon after it starts.</summary>
    private static TimeSpan Spacing(TimeSpan window, int count) => TimeSpan.FromSeconds(Math.Min(ScenarioStepSeconds, window.TotalSeconds / count));

    private Transaction NewTransaction(AccountProfile profile, DateTimeOffset time, decimal amount, Randomizer random, bool jitter = false)
    {
        var home = profile.Home;
        var online = random.Bool(0.4f);
        return new Transaction
        {
            AccountId = profile.AccountId,
            CustomerName = profile.CustomerName,
            MerchantType = random.ArrayElement(MerchantTypes.All),
            TransactionId = Convert.ToHexStringLower(random.Bytes(8)),
            TransactionType = online ? TransactionType.Online : TransactionType.InStore,
            TransactionAmount = amount,
            TransactionDate = time,
            Currency = home.Currency,
            Latitude = Math.Round(home.Latitude + (jitter ? random.Double(-jitterDegrees, jitterDegrees) : 0), 4),
            Longitude = Math.Round(home.Longitude + (jitter ? random.Double(-jitterDegrees, jitterDegrees) : 0), 4),
            City = home.City,
            Country = home.Country,
            IpAddress = profile.IpAddress,
            Device = profile.Device,
            CardBin = profile.CardBin,
            Email = profile.Email,
        };
    }

    private string DeniedAddress(Randomizer random)
    {
        var range = deniedRange!.Value;
        var bytes = range.BaseAddress.GetAddressBytes();
        var hostBits = 32 - range.PrefixLength;
        var offset = random.Number(1, (1 << hostBits) - 2);
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }

    private static (int City, double Km) FarthestCity(int home)
    {
        var (best, bestKm) = (home, 0.0);
        var from = WorldCities.All[home];
        for (var i = 0; i < WorldCities.All.Length; i++)
        {
            var to = WorldCities.All[i];
            var km = GeoDistance.Kilometres(from.Latitude, from.Longitude, to.Latitude, to.Longitude);
            if (km > bestKm)
            {
                (best, bestKm) = (i, km);
            }
        }

        return (best, bestKm);
    }

    /// <summary>A whole-cent amount in [min, max].</summary>
    private static decimal Amount(Randomizer random, decimal min, decimal max) =>
        Math.Clamp(decimal.Round(min + (max - min) * (decimal)random.Double(), 2), min, max);

    private static IPNetwork? ParseNetwork(string entry) => IPNetwork.TryParse(entry, out var network) ? network : null;

    internal static DateTimeOffset StartOf(GeneratorOptions options, TimeProvider? time)
    {
        if (options.StartTime is { } start)
        {
            return start.ToUniversalTime();
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
