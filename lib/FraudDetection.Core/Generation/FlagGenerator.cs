using FraudDetection.Configuration;
using FraudDetection.Detection.Rules;
using FraudDetection.Model;

namespace FraudDetection.Generation;

/// <summary>
/// Flags for the pool's flagged accounts (the same ones, for the same options, as <see cref="TransactionGenerator"/>
/// labels), all with Flag_Date = start + <see cref="GeneratorOptions.FlagDelay"/>. Give both the same
/// <see cref="GeneratorOptions.StartTime"/> when they run separately.
/// </summary>
public sealed class FlagGenerator
{
    private static readonly string[] Reasons = ["reported stolen card", "suspected account takeover", "chargeback pattern", "compromised credentials"];

    private readonly GeneratorOptions options;
    private readonly AccountPool pool;

    public FlagGenerator(GeneratorOptions options, TimeProvider? time = null)
    {
        OptionsValidation.Validate(options, GeneratorOptions.Section);
        this.options = options;
        pool = new AccountPool(options, new IpRangeList([]));
        FlagDate = TransactionGenerator.StartOf(options, time) + options.FlagDelay;
    }

    public DateTimeOffset FlagDate { get; }

    public IEnumerable<FlaggedAccount> Generate()
    {
        var random = new Bogus.Randomizer(options.Seed);
        foreach (var account in pool.Flagged)
        {
            yield return new FlaggedAccount { AccountId = account, FlagDate = FlagDate, Reason = random.ArrayElement(Reasons) };
        }
    }
}
