using System.ComponentModel.DataAnnotations;
using FraudDetection.Detection.Rules;
using FraudDetection.Detection.Verdicts;

namespace FraudDetection.Detection;

/// <summary>
/// Every threshold and window of the engine. Section <c>Detection</c>; defaults are those of the reference systems
/// (see issue 4). Nested sections are validated too (<see cref="Validate"/>).
/// </summary>
public sealed class DetectionOptions : IValidatableObject
{
    public const string Section = "Detection";

    /// <summary>
    /// How far behind its account's newest event time an event may arrive and still enter the windows.
    /// Older events are late: counted, marked, and judged by the stateless rules only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every this many events the engine drops the state of idle accounts and expired flags (0: only on <see cref="DetectionEngine.Evict"/>).</summary>
    [Range(0, int.MaxValue)]
    public int EvictEveryEvents { get; set; } = 65536;

    public FlaggedAccountOptions FlaggedAccount { get; set; } = new();

    public HighValueBurstOptions HighValueBurst { get; set; } = new();

    public OverThresholdOptions OverThreshold { get; set; } = new();

    public ImpossibleTravelOptions ImpossibleTravel { get; set; } = new();

    public SpendVelocityOptions SpendVelocity { get; set; } = new();

    public IpListOptions IpList { get; set; } = new();

    public CardTestingOptions CardTesting { get; set; } = new();

    public VerdictOptions Verdict { get; set; } = new();

    /// <summary>Weight of a dynamic rule that does not state its own.</summary>
    [Range(0, 1000)]
    public int DynamicRuleWeight { get; set; } = 50;

    /// <summary>Validates the nested sections, naming them (Validator does not recurse on its own).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, object Value)[] nested =
        [
            (nameof(FlaggedAccount), FlaggedAccount), (nameof(HighValueBurst), HighValueBurst), (nameof(OverThreshold), OverThreshold),
            (nameof(ImpossibleTravel), ImpossibleTravel), (nameof(SpendVelocity), SpendVelocity), (nameof(IpList), IpList),
            (nameof(CardTesting), CardTesting), (nameof(Verdict), Verdict),
        ];
        foreach (var (name, value) in nested)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(m => $"{name}:{m}").ToArray());
            }
        }

        foreach (var problem in IpRangeList.Problems(IpList.Deny).Concat(IpRangeList.Problems(IpList.Allow)))
        {
            yield return new ValidationResult(problem, [$"{nameof(IpList)}"]);
        }
    }
}
