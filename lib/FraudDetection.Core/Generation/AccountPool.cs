using Bogus;
using Bogus.DataSets;
using FraudDetection.Detection.Rules;

namespace FraudDetection.Generation;

/// <summary>
/// The generated accounts: the clean pool, the flagged subset and fresh accounts for fraud scenarios (numbered after
/// the pool). A profile depends only on the seed and the account id, so any account is rebuilt identically on demand.
/// </summary>
internal sealed class AccountPool
{
    private readonly int seed;
    private readonly IpRangeList denied;
    private readonly Dictionary<long, AccountProfile> profiles = [];
    private readonly Name names = new();
    private readonly Internet internet = new();
    private long nextScenarioAccount;

    public AccountPool(GeneratorOptions options, IpRangeList denied)
    {
        seed = options.Seed;
        this.denied = denied;
        nextScenarioAccount = options.FirstAccountId + options.Accounts;

        var random = new Randomizer(seed);
        var flagged = new SortedSet<long>();
        var wanted = Math.Min(options.FlaggedAccounts, options.Accounts);
        while (flagged.Count < wanted)
        {
            flagged.Add(options.FirstAccountId + random.Number(0, options.Accounts - 1));
        }

        Flagged = [.. flagged];
    }

    /// <summary>Pool accounts the flag generator flags, ascending.</summary>
    public IReadOnlyList<long> Flagged { get; }

    /// <summary>A never-used account for one fraud scenario, so its windows hold the scenario alone.</summary>
    public AccountProfile NextScenarioAccount() => Profile(nextScenarioAccount++);

    public AccountProfile Profile(long accountId)
    {
        if (profiles.TryGetValue(accountId, out var known))
        {
            return known;
        }

        var random = new Randomizer(StableSeed(seed, accountId));
        names.Random = random;
        internet.Random = random;
        var first = names.FirstName();
        var last = names.LastName();
        string ip;
        do
        {
            ip = internet.Ip();
        }
        while (denied.TryMatch(ip, out _));

        var profile = new AccountProfile(
            accountId,
            $"{first} {last}",
            internet.Email(first, last),
            internet.UserAgent(),
            random.Replace("4#####"),
            ip,
            random.Number(0, WorldCities.All.Length - 1));
        profiles[accountId] = profile;
        return profile;
    }

    /// <summary>A per-account seed that is the same in every process (HashCode is randomized per process).</summary>
    private static int StableSeed(int seed, long accountId)
    {
        var mixed = unchecked((ulong)accountId * 0x9E3779B97F4A7C15UL ^ (ulong)seed * 0xC2B2AE3D27D4EB4FUL);
        mixed ^= mixed >> 31;
        return unchecked((int)mixed ^ (int)(mixed >> 32));
    }
}
