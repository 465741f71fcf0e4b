using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Verdicts;

/// <summary>Score thresholds: score ≥ <see cref="BlockScore"/> blocks, ≥ <see cref="ReviewScore"/> asks for review, else approve.</summary>
public sealed class VerdictOptions : IValidatableObject
{
    [Range(1, 100000)]
    public int ReviewScore { get; set; } = 30;

    [Range(1, 100000)]
    public int BlockScore { get; set; } = 80;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BlockScore < ReviewScore)
        {
            yield return new ValidationResult("BlockScore must be at least ReviewScore", [nameof(BlockScore)]);
        }
    }
}
