using FraudDetection.Charts;
using FraudDetection.Model;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class BreakdownChartTests
{
    [Fact]
    public void By_merchant_type_counts_and_sums_flagged_transactions_with_the_workshop_names()
    {
        ProcessedTransaction[] records =
        [
            Processed(amount: 10m, merchant: MerchantType.FoodAndBeverage),
            Processed(amount: 15.5m, merchant: MerchantType.FoodAndBeverage),
            Processed(amount: 100m, merchant: MerchantType.GasStation),
            Processed(amount: 999m, merchant: MerchantType.GasStation, verdict: Verdict.Approve),
        ];

        var chart = BreakdownChart.ByMerchantType(records);

        var (counts, amounts) = (Traces(chart)[0], Traces(chart)[1]);
        Assert.Equal(["Food and Beverage", "Gas_Station"], Strings(counts, "x"));
        Assert.Equal([2.0, 1.0], Numbers(counts, "y"));
        Assert.Equal(["Food and Beverage", "Gas_Station"], Strings(amounts, "x"));
        Assert.Equal([25.5, 100.0], Numbers(amounts, "y"));
        Assert.Equal(BreakdownChart.MerchantTypeName, chart.Name);
    }

    [Fact]
    public void By_rule_counts_a_transaction_under_each_rule_it_matched()
    {
        ProcessedTransaction[] records =
        [
            Processed(amount: 3000m, rules: ["over-threshold", "flagged-account"]),
            Processed(amount: 50m, rules: ["flagged-account"]),
        ];

        var chart = BreakdownChart.ByRule(records);

        var (counts, amounts) = (Traces(chart)[0], Traces(chart)[1]);
        Assert.Equal(["flagged-account", "over-threshold"], Strings(counts, "x"));
        Assert.Equal([2.0, 1.0], Numbers(counts, "y"));
        Assert.Equal([3050.0, 3000.0], Numbers(amounts, "y"));
        Assert.Equal(BreakdownChart.RuleName, chart.Name);
    }
}
