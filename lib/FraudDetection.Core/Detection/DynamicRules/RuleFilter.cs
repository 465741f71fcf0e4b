using FraudDetection.Model;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>A compiled <see cref="RuleCondition"/>: a numeric comparison or a text (in)equality.</summary>
internal sealed record RuleFilter(RuleField Field, RuleOperator Operator, decimal Number, string? Text)
{
    public bool Matches(Transaction transaction)
    {
        if (Field.IsNumeric())
        {
            return Operator.Holds(Field.Number(transaction), Number);
        }

        var equal = string.Equals(Field.Text(transaction), Text, StringComparison.Ordinal);
        return Operator == RuleOperator.Equal ? equal : !equal;
    }

    public override string ToString() => $"{Field.JsonName()} {Operator.Symbol()} {(Field.IsNumeric() ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{Text}\"")}";
}
