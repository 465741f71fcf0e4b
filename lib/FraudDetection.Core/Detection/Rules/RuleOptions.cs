using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>What every built-in rule has: a switch and the weight its match adds to the score.</summary>
public abstract class RuleOptions
{
    public bool Enabled { get; set; } = true;

    [Range(0, 1000)]
    public int Weight { get; set; }
}
