using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>Checks a <see cref="RuleDefinition"/> field by field; the first problem becomes the rejection reason.</summary>
internal static partial class DynamicRuleCompiler
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <summary>Validates <paramref name="definition"/>; for "deleted" only the id and state are checked.</summary>
    public static bool TryCompile(RuleDefinition definition, int defaultWeight, TimeSpan allowedLateness,
        out string id, out RuleState state, out DynamicRule? rule, out string? error)
    {
        rule = null;
        state = RuleState.Active;
        id = definition.RuleId?.Trim() ?? string.Empty;
        error = CheckId(id) ?? ParseState(definition.State, out state);
        if (error is not null || state == RuleState.Deleted)
        {
            return error is null;
        }

        if (!RuleFields.TryParse(definition.GroupBy ?? "Account_Id", out var groupBy) || groupBy == RuleField.TransactionAmount)
        {
            return Fail($"Group_By: must be one of {GroupByExpected}, got '{definition.GroupBy}'", out error);
        }

        if (!TryParseAggregate(definition.Aggregate, out var aggregate))
        {
            return Fail($"Aggregate: must be one of count, sum, avg, min, max, got '{definition.Aggregate}'", out error);
        }

        var field = RuleField.TransactionAmount;
        if (aggregate != RuleAggregate.Count && (!RuleFields.TryParse(definition.Field, out field) || !field.IsNumeric()))
        {
            return Fail($"Field: {aggregate.ToString().ToLowerInvariant()} needs a numeric field (Transaction_Amount), got '{definition.Field}'", out error);
        }

        if (!RuleOperators.TryParse(definition.Operator, out var op))
        {
            return Fail($"Operator: must be one of {RuleOperators.Expected}, got '{definition.Operator}'", out error);
        }

        if (definition.Limit is not { } limit)
        {
            return Fail("Limit: required (a number)", out error);
        }

        if (!TryParseWindow(definition.Window, out var window))
        {
            return Fail($"Window: must be a duration from 00:00:00 to {MaxWindow:c} (\"hh:mm:ss\" or ISO-8601 like \"PT10M\"), got '{definition.Window}'", out error);
        }

        RuleFilter? filter = null;
        if (definition.Where is { } where && (error = CompileFilter(where, out filter)) is not null)
        {
            return false;
        }

        var weight = definition.Weight ?? defaultWeight;
        if (weight is < 0 or > 1000)
        {
            return Fail($"Weight: must be from 0 to 1000, got {weight}", out error);
        }

        rule = new DynamicRule(definition, id, state, groupBy, aggregate, field, op, limit, window, filter, weight, allowedLateness);
        return true;
    }

    private static string? CheckId(string id) =>
        IdPattern().IsMatch(id) ? null : $"Rule_Id: required, 1 to 64 letters, digits, '-', '_' or '.', got '{id}'";

    private static string? ParseState(string? text, out RuleState state)
    {
        state = RuleState.Active;
        if (text is null)
        {
            return null;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "active":
                return null;
            case "paused":
                state = RuleState.Paused;
                return null;
            case "deleted":
                state = RuleState.Deleted;
                return null;
            default:
                return $"State: must be active, paused or deleted, got '{text}'";
        }
    }

    private static bool TryParseAggregate(string? text, out RuleAggregate aggregate)
    {
        aggregate = text?.Trim().ToLowerInvariant() switch
        {
            "count" => RuleAggregate.Count,
            "sum" => RuleAggregate.Sum,
            "avg" => RuleAggregate.Avg,
            "min" => RuleAggregate.Min,
            "max" => RuleAggregate.Max,
            _ => (RuleAggregate)(-1),
        };
        return Enum.IsDefined(aggregate);
    }

    private static bool TryParseWindow(string? text, out TimeSpan window)
    {
        window = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            window = text.TrimStart().StartsWith('P')
                ? XmlConvert.ToTimeSpan(text.Trim())
                : TimeSpan.ParseExact(text.Trim(), "c", CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }

        return window >= TimeSpan.Zero && window <= MaxWindow;
    }

    private static string? CompileFilter(RuleCondition where, out RuleFilter? filter)
    {
        filter = null;
        if (!RuleFields.TryParse(where.Field, out var field))
        {
            return $"Where.Field: must be one of {RuleFields.Expected}, got '{where.Field}'";
        }

        if (!RuleOperators.TryParse(where.Operator, out var op))
        {
            return $"Where.Operator: must be one of {RuleOperators.Expected}, got '{where.Operator}'";
        }

        if (field.IsNumeric())
        {
            if (where.Value is not { ValueKind: JsonValueKind.Number } number || !number.TryGetDecimal(out var value))
            {
                return $"Where.Value: {field.JsonName()} is compared with a number";
            }

            filter = new RuleFilter(field, op, value, null);
            return null;
        }

        if (op is not (RuleOperator.Equal or RuleOperator.NotEqual))
        {
            return $"Where.Operator: {field.JsonName()} is text, compared only with \"==\" or \"!=\"";
        }

        if (where.Value is not { ValueKind: JsonValueKind.String } text)
        {
            return $"Where.Value: {field.JsonName()} is compared with a string";
        }

        filter = new RuleFilter(field, op, 0, text.GetString());
        return null;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static string GroupByExpected => string.Join(", ", Enum.GetValues<RuleField>().Where(f => f != RuleField.TransactionAmount).Select(f => f.JsonName()));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
