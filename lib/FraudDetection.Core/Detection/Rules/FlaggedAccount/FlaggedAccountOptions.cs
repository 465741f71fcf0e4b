using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>The workshop's join with Flagged_accounts.</summary>
public sealed class FlaggedAccountOptions : RuleOptions
{
    public FlaggedAccountOptions() => Weight = 100;

    /// <summary>A flag without an unflag date ends this long after its flag date (bounds the join state).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan FlagTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many flag periods are kept per account; the ones ending first are dropped.</summary>
    [Range(1, 1024)]
    public int MaxFlagsPerAccount { get; set; } = 16;
}
