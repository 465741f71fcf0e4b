using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>Lambda + Redis example: one transaction above <see cref="Amount"/>.</summary>
public sealed class OverThresholdOptions : RuleOptions
{
    public OverThresholdOptions() => Weight = 50;

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal Amount { get; set; } = 10000m;
}
