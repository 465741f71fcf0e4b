using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>Flink SQL example: per account over <see cref="Window"/>, sum above <see cref="MaxSum"/> or count above <see cref="MaxCount"/>.</summary>
public sealed class SpendVelocityOptions : RuleOptions
{
    public SpendVelocityOptions() => Weight = 40;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal MaxSum { get; set; } = 1000m;

    [Range(1, 100000)]
    public int MaxCount { get; set; } = 10;
}
