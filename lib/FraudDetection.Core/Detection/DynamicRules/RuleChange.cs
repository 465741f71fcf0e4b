namespace FraudDetection.Detection.DynamicRules;

/// <summary>The outcome of applying a <see cref="RuleDefinition"/>; a rejection carries the reason for the errors topic.</summary>
public sealed record RuleChange(string RuleId, RuleChangeKind Kind, RuleState? State = null, string? Error = null)
{
    public bool Accepted => Kind != RuleChangeKind.Rejected;

    public static RuleChange Rejected(string ruleId, string error) => new(ruleId, RuleChangeKind.Rejected, null, error);

    public override string ToString() => Accepted ? $"{RuleId}: {Kind.ToString().ToLowerInvariant()} ({State?.ToString().ToLowerInvariant()})" : $"{RuleId}: rejected: {Error}";
}
