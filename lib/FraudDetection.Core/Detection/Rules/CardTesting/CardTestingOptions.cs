using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>Flink DataStream walkthrough: a transaction below <see cref="SmallAmount"/> followed within <see cref="Window"/> by one above <see cref="LargeAmount"/>.</summary>
public sealed class CardTestingOptions : RuleOptions
{
    public CardTestingOptions() => Weight = 80;

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal SmallAmount { get; set; } = 1.00m;

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal LargeAmount { get; set; } = 500m;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
