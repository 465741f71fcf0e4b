using FraudDetection.Model;
using Plotly.NET.CSharp;

namespace FraudDetection.Charts;

/// <summary>
/// Flagged transactions broken down by a category: how many (left) and how much money (right), one bar per
/// category in each panel.
/// </summary>
public static class BreakdownChart
{
    public const string MerchantTypeName = "by-merchant-type";
    public const string RuleName = "by-rule";

    /// <summary>Count and amount of flagged transactions per merchant type.</summary>
    public static FraudChart ByMerchantType(IEnumerable<ProcessedTransaction> processed) =>
        Build(
            MerchantTypeName,
            "Flagged transactions by merchant type",
            Flagged(processed).Select(p => (Category: p.MerchantType.JsonName(), p.TransactionAmount)));

    /// <summary>
    /// Count and amount of flagged transactions per matched rule. A transaction that matched several rules counts
    /// (with its full amount) under each of them, so the bars can add up to more than the number of transactions.
    /// </summary>
    public static FraudChart ByRule(IEnumerable<ProcessedTransaction> processed) =>
        Build(
            RuleName,
            "Flagged transactions by rule",
            Flagged(processed).SelectMany(p => p.Reasons.Select(r => r.RuleId).Distinct().Select(rule => (Category: rule, p.TransactionAmount))));

    private static IEnumerable<ProcessedTransaction> Flagged(IEnumerable<ProcessedTransaction> processed) =>
        processed.Where(p => p.Verdict != Verdict.Approve);

    private static FraudChart Build(string name, string title, IEnumerable<(string Category, decimal Amount)> rows)
    {
        var groups = rows
            .GroupBy(r => r.Category, StringComparer.Ordinal)
            .Select(g => (Category: g.Key, Count: g.Count(), Amount: g.Sum(r => r.Amount)))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Category, StringComparer.Ordinal)
            .ToList();
        var categories = groups.Select(g => g.Category).ToArray();
        var counts = Chart.Column<int, string, string>(values: groups.Select(g => g.Count), Keys: categories, Name: "Transactions", ShowLegend: false);
        var amounts = Chart.Column<decimal, string, string>(values: groups.Select(g => g.Amount), Keys: categories, Name: "Amount", ShowLegend: false);
        var plot = Chart.Grid([counts, amounts], nRows: 1, nCols: 2, SubPlotTitles: new[] { "Flagged transactions", "Amount flagged" }, XGap: 0.15)
            .WithKitStyle(title);
        return new FraudChart(name, title, plot);
    }
}
