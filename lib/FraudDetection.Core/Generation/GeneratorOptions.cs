using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Generation;

/// <summary>
/// Shape of the generated traffic. Section <c>Generator</c>. Output is a pure function of these options and the
/// detection options (thresholds size the scenarios), so one seed always yields the same events and labels.
/// </summary>
public sealed class GeneratorOptions
{
    public const string Section = "Generator";

    public int Seed { get; set; } = 42;

    /// <summary>Size of the clean account pool, numbered from <see cref="FirstAccountId"/>.</summary>
    [Range(1, 10_000_000)]
    public int Accounts { get; set; } = 1000;

    [Range(1, long.MaxValue / 2)]
    public long FirstAccountId { get; set; } = 1_000_000_001;

    /// <summary>Event time of the first transaction; null: the caller's clock at start, truncated to the second.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Event-time rate: consecutive transactions are 1/rate apart in <c>Transaction_Date</c> (pacing in wall time is separate: <see cref="GeneratorPacer"/>).</summary>
    [Range(0.001, 10_000_000)]
    public double EventsPerSecond { get; set; } = 10;

    /// <summary>Chance per event that a fraud scenario starts instead of a clean transaction.</summary>
    [Range(0.0, 1.0)]
    public double FraudRatio { get; set; } = 0.01;

    /// <summary>Scenarios injected, in rotation; default every one. <see cref="FraudScenario.FlaggedAccount"/> comes from <see cref="FlaggedAccounts"/> instead.</summary>
    public List<FraudScenario> Scenarios { get; set; } =
    [
        FraudScenario.HighValueBurst, FraudScenario.OverThreshold, FraudScenario.ImpossibleTravel,
        FraudScenario.SpendVelocity, FraudScenario.DeniedIp, FraudScenario.CardTesting,
    ];

    /// <summary>How many pool accounts the flag generator flags; their transactions from the flag date on are labelled flagged.</summary>
    [Range(0, 10_000_000)]
    public int FlaggedAccounts { get; set; } = 2;

    /// <summary>Flag_Date of the flagged accounts, after <see cref="StartTime"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan FlagDelay { get; set; } = TimeSpan.FromMinutes(1);
}
