using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>Flink CEP example, keyed by account: <see cref="Count"/> transactions above <see cref="Amount"/> within <see cref="Window"/>.</summary>
public sealed class HighValueBurstOptions : RuleOptions
{
    public HighValueBurstOptions() => Weight = 60;

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal Amount { get; set; } = 2000m;

    [Range(2, 10000)]
    public int Count { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
