namespace FraudDetection.Replay;

/// <summary>What a replay read, decided and rejected.</summary>
public sealed record ReplaySummary
{
    public long Events { get; init; }

    public long BadEventLines { get; init; }

    public long Flags { get; init; }

    public long BadFlagLines { get; init; }

    public int RulesApplied { get; init; }

    public int RulesRejected { get; init; }

    public long Approved { get; init; }

    public long Reviewed { get; init; }

    public long Blocked { get; init; }

    public long LateEvents { get; init; }

    /// <summary>Matches per rule id, ordered by id.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> MatchesByRule { get; init; }

    /// <summary>The errors file, when anything was rejected.</summary>
    public string? ErrorsPath { get; init; }

    public long Flagged => Reviewed + Blocked;

    public long Rejected => BadEventLines + BadFlagLines + RulesRejected;
}
