namespace FraudDetection.Detection.DynamicRules;

/// <summary>What a dynamic rule computes over its window.</summary>
public enum RuleAggregate
{
    Count,
    Sum,
    Avg,
    Min,
    Max,
}
