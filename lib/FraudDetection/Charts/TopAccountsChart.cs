using FraudDetection.Model;
using Plotly.NET.CSharp;

namespace FraudDetection.Charts;

/// <summary>The accounts with the most money in flagged transactions, largest at the top.</summary>
public static class TopAccountsChart
{
    public const string Name = "top-accounts";

    /// <summary>One horizontal bar per account, at most <paramref name="top"/>; ties are ordered by account id.</summary>
    public static FraudChart Build(IEnumerable<ProcessedTransaction> processed, int top = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var accounts = processed
            .Where(p => p.Verdict != Verdict.Approve)
            .GroupBy(p => p.AccountId)
            .Select(g => (Account: g.Key, Customer: g.First().CustomerName, Amount: g.Sum(p => p.TransactionAmount), Count: g.Count()))
            .OrderByDescending(a => a.Amount)
            .ThenBy(a => a.Account)
            .Take(top)
            .Reverse() // plotly draws the first category at the bottom
            .ToList();
        var title = $"Top {top} accounts by amount flagged";
        var bars = Chart.Bar<decimal, string, string>(
            values: accounts.Select(a => a.Amount),
            Keys: accounts.Select(a => $"{a.Account} {a.Customer}").ToArray(),
            MultiText: accounts.Select(a => $"{a.Count} flagged").ToArray(),
            Name: "Amount flagged",
            ShowLegend: false);
        var plot = bars
            .WithXAxisStyle<string, string, string>(TitleText: "Amount flagged")
            .WithKitStyle(title, height: 120 + (32 * Math.Max(accounts.Count, 3)));
        return new FraudChart(Name, title, plot);
    }
}
