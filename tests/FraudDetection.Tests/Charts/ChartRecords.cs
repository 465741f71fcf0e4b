using System.Text.Json;
using FraudDetection.Charts;
using FraudDetection.Model;

namespace FraudDetection.Tests.Charts;

/// <summary>Small hand-made records and figure readers for the chart tests.</summary>
internal static class ChartRecords
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    public static Transaction Located(long account, DateTimeOffset at, double latitude, double longitude, string city) => new()
    {
        AccountId = account,
        CustomerName = "Customer " + account,
        MerchantType = MerchantType.Others,
        TransactionId = Interlocked.Increment(ref _sequence).ToString("x16"),
        TransactionType = TransactionType.InStore,
        TransactionAmount = 10m,
        TransactionDate = at,
        Latitude = latitude,
        Longitude = longitude,
        City = city,
        Country = "XX",
        CreatedAt = at,
    };

    public static ProcessedTransaction Processed(
        long account = 1000000001,
        decimal amount = 100m,
        Verdict verdict = Verdict.Review,
        MerchantType merchant = MerchantType.GroceryStore,
        DateTimeOffset? at = null,
        TimeSpan? latency = null,
        params string[] rules) =>
        Processed(Located(account, at ?? Start, 0, 0, "Nowhere") with { MerchantType = merchant, TransactionAmount = amount }, verdict, latency, rules);

    public static ProcessedTransaction Processed(Transaction transaction, Verdict verdict = Verdict.Review, TimeSpan? latency = null, params string[] rules)
    {
        var decision = new Decision
        {
            Transaction = transaction,
            Verdict = verdict,
            Score = rules.Length * 10,
            Reasons = (rules.Length == 0 ? ["flagged-account"] : rules)
                .Select(r => new Reason { RuleId = r, Description = r, Observed = 2000, Threshold = 1000 }).ToList(),
            ProcessedTime = (transaction.CreatedAt ?? transaction.TransactionDate) + (latency ?? TimeSpan.FromMilliseconds(20)),
        };
        return ProcessedTransaction.From(decision);
    }

    /// <summary>The plotly figure's traces.</summary>
    public static JsonElement[] Traces(FraudChart chart) =>
        JsonDocument.Parse(chart.FigureJson).RootElement.GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(FraudChart chart) => JsonDocument.Parse(chart.FigureJson).RootElement.GetProperty("layout");

    public static string[] Strings(JsonElement trace, string key) => trace.GetProperty(key).EnumerateArray().Select(e => e.ToString()).ToArray();

    public static double[] Numbers(JsonElement trace, string key) => trace.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
