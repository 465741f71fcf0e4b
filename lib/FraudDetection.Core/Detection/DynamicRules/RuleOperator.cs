namespace FraudDetection.Detection.DynamicRules;

/// <summary>Comparison of a dynamic rule: <c>observed OPERATOR limit</c>.</summary>
public enum RuleOperator
{
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Equal,
    NotEqual,
}
