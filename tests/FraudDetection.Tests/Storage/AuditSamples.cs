using FraudDetection.Model;
using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

/// <summary>Audit items with distinct keys and realistic content, for the storage tests.</summary>
internal static class AuditSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static ProcessedTransaction Processed(long account, int sequence, Verdict verdict = Verdict.Review) => ProcessedTransaction.From(new Decision
    {
        Transaction = new Transaction
        {
            AccountId = account,
            CustomerName = $"Customer {account}",
            MerchantType = MerchantType.FoodAndBeverage,
            TransactionId = $"{account:x8}{sequence:x8}",
            TransactionType = TransactionType.InStore,
            TransactionAmount = 2500.75m + sequence,
            TransactionDate = Start.AddSeconds(sequence),
            Currency = "USD",
        },
        Verdict = verdict,
        Score = verdict == Verdict.Block ? 90 : 40,
        Reasons = [new Reason { RuleId = "high-value", Description = "amount over limit", Observed = 2500.75m + sequence, Threshold = 2000m }],
        FlagDate = Start.AddMinutes(-1),
        ProcessedTime = Start.AddSeconds(sequence).AddMilliseconds(3),
    });

    public static AuditItem Item(long account, int sequence, Verdict verdict = Verdict.Review) =>
        AuditItem.From(Processed(account, sequence, verdict), Start, TimeSpan.FromHours(24));
}
