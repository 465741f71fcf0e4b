using System.Text.Json.Serialization;

namespace FraudDetection.Replay;

/// <summary>One input line (or rule) a replay could not use, with where it came from and the original text.</summary>
public sealed record ReplayError
{
    [JsonPropertyName("File")]
    public required string File { get; init; }

    /// <summary>1-based line number; 0 for a rule of a rules file (see <see cref="Text"/>).</summary>
    [JsonPropertyName("Line")]
    public required long Line { get; init; }

    [JsonPropertyName("Error")]
    public required string Error { get; init; }

    /// <summary>The line as read, or the rule id.</summary>
    [JsonPropertyName("Text")]
    public required string Text { get; init; }
}
