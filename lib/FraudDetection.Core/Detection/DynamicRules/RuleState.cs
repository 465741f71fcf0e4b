namespace FraudDetection.Detection.DynamicRules;

/// <summary>Lifecycle of a dynamic rule.</summary>
public enum RuleState
{
    Active,
    Paused,
    Deleted,
}
