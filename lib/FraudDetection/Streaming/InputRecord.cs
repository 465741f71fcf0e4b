using FraudDetection.Model;

namespace FraudDetection.Streaming;

/// <summary>
/// One consumed input, decoded while librdkafka still holds the bytes: a transaction, a flag, or the reason it could
/// not be decoded together with a copy of its original bytes (copied only in that case, for the dead-letter topic).
/// </summary>
public sealed class InputRecord
{
    private InputRecord(Transaction? transaction, FlaggedAccount? flag, string? error, byte[]? original)
    {
        Transaction = transaction;
        Flag = flag;
        Error = error;
        Original = original;
    }

    public Transaction? Transaction { get; }

    public FlaggedAccount? Flag { get; }

    /// <summary>Why the record is unusable; null when decoded.</summary>
    public string? Error { get; }

    /// <summary>The undecodable value as received (null for a tombstone).</summary>
    public byte[]? Original { get; }

    public static InputRecord Of(Transaction transaction) => new(transaction, null, null, null);

    public static InputRecord Of(FlaggedAccount flag) => new(null, flag, null, null);

    public static InputRecord Invalid(string error, ReadOnlySpan<byte> original, bool isNull) =>
        new(null, null, error, isNull ? null : original.ToArray());
}
