namespace FraudDetection.Model;

/// <summary>The engine's result for one transaction. <see cref="ProcessedTransaction.From"/> turns it into the output record.</summary>
public sealed class Decision
{
    public required Transaction Transaction { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>Sum of the weights of the matched rules.</summary>
    public required int Score { get; init; }

    /// <summary>Matched rules in a stable order (built-in rules first, then dynamic rules by id); empty when approved.</summary>
    public required IReadOnlyList<Reason> Reasons { get; init; }

    /// <summary>The flag the transaction fell under, when the flagged-account join matched.</summary>
    public DateTimeOffset? FlagDate { get; init; }

    /// <summary>The transaction's own time (<see cref="Transaction.TransactionDate"/>).</summary>
    public DateTimeOffset EventTime => Transaction.TransactionDate;

    /// <summary>When the engine decided (its <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset ProcessedTime { get; init; }

    /// <summary>The event arrived later than the allowed lateness behind its account's watermark (see <c>DetectionEngine</c>).</summary>
    public bool IsLate { get; init; }

    public bool IsFlagged => Verdict != Verdict.Approve;
}
