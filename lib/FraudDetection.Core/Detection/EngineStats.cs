namespace FraudDetection.Detection;

/// <summary>Counters and state sizes of a <see cref="DetectionEngine"/> at one moment.</summary>
public readonly record struct EngineStats
{
    /// <summary>Transactions processed.</summary>
    public long Events { get; init; }

    /// <summary>Decisions other than approve.</summary>
    public long Flagged { get; init; }

    /// <summary>Events beyond the allowed lateness (still decided, by the stateless rules).</summary>
    public long LateEvents { get; init; }

    /// <summary>Flag records applied.</summary>
    public long FlagUpdates { get; init; }

    /// <summary>Accounts with window state.</summary>
    public int Accounts { get; init; }

    /// <summary>Transactions held in account windows.</summary>
    public long WindowEntries { get; init; }

    /// <summary>Flag periods held.</summary>
    public int Flags { get; init; }

    /// <summary>Dynamic rules held (any state) and values held in their windows.</summary>
    public int DynamicRules { get; init; }

    public long DynamicWindowEntries { get; init; }

    /// <summary>Global watermark: newest event time seen minus the allowed lateness (null before the first event).</summary>
    public DateTimeOffset? Watermark { get; init; }
}
