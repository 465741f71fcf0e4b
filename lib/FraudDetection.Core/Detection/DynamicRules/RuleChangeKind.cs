namespace FraudDetection.Detection.DynamicRules;

/// <summary>What applying a rule did.</summary>
public enum RuleChangeKind
{
    Added,
    Updated,
    Deleted,
    Rejected,
}
