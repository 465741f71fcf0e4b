using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>
/// The output record written to <c>Processed_topic</c> and the audit table: the transaction's own fields followed by
/// the verdict, its explanation and timing. <see cref="RecordId"/> is deterministic so consumers can dedupe replays.
/// </summary>
public sealed record ProcessedTransaction : Transaction
{
    public ProcessedTransaction()
    {
    }

    [SetsRequiredMembers]
    private ProcessedTransaction(Decision decision)
        : base(decision.Transaction)
    {
        RecordId = RecordIdOf(decision.Transaction);
        Verdict = decision.Verdict;
        Score = decision.Score;
        Reasons = decision.Reasons;
        FlagDate = decision.FlagDate;
        EventTime = decision.EventTime;
        ProcessedTime = decision.ProcessedTime;
        Late = decision.IsLate ? true : null;
    }

    /// <summary><c>{Account_Id}-{Transaction_Id}</c>: the same for every replay of the same transaction.</summary>
    [JsonPropertyName("Record_Id")]
    public required string RecordId { get; init; }

    [JsonPropertyName("Verdict")]
    public required Verdict Verdict { get; init; }

    [JsonPropertyName("Score")]
    public required int Score { get; init; }

    [JsonPropertyName("Reasons")]
    public required IReadOnlyList<Reason> Reasons { get; init; }

    [JsonPropertyName("Flag_Date")]
    public DateTimeOffset? FlagDate { get; init; }

    [JsonPropertyName("Event_Time")]
    public required DateTimeOffset EventTime { get; init; }

    [JsonPropertyName("Processed_Time")]
    public required DateTimeOffset ProcessedTime { get; init; }

    /// <summary>Present (true) only for events that arrived beyond the allowed lateness.</summary>
    [JsonPropertyName("Late")]
    public bool? Late { get; init; }

    public static ProcessedTransaction From(Decision decision) => new(decision);

    public static string RecordIdOf(Transaction transaction) => $"{transaction.AccountId}-{transaction.TransactionId}";
}
