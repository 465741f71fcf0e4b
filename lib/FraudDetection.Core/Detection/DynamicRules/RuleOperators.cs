namespace FraudDetection.Detection.DynamicRules;

/// <summary>Spelling and meaning of <see cref="RuleOperator"/>.</summary>
public static class RuleOperators
{
    private static readonly string[] Symbols = [">", ">=", "<", "<=", "==", "!="];

    public static string Symbol(this RuleOperator op) => Symbols[(int)op];

    public static bool TryParse(string? text, out RuleOperator op)
    {
        var index = Array.IndexOf(Symbols, text?.Trim());
        op = (RuleOperator)Math.Max(index, 0);
        return index >= 0;
    }

    public static bool Holds(this RuleOperator op, decimal observed, decimal limit) => op switch
    {
        RuleOperator.GreaterThan => observed > limit,
        RuleOperator.GreaterThanOrEqual => observed >= limit,
        RuleOperator.LessThan => observed < limit,
        RuleOperator.LessThanOrEqual => observed <= limit,
        RuleOperator.Equal => observed == limit,
        _ => observed != limit,
    };

    public static string Expected => string.Join(", ", Symbols.Select(s => $"\"{s}\""));
}
