namespace FraudDetection.Replay;

/// <summary>
/// The replay's clock: "now" is the event being replayed, so Processed_Time equals Event_Time and a replay's output
/// is the same byte for byte on every run.
/// </summary>
internal sealed class ReplayClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
