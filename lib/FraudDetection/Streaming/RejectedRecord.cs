using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;

namespace FraudDetection.Streaming;

/// <summary>
/// A record the processor could not use (malformed or schema-invalid input, an invalid rule), forwarded unchanged:
/// the original key and value bytes, the reason and the source position in headers. The dead-letter and rule-errors
/// topics both carry this shape, so one tool can inspect or re-drive them.
/// </summary>
public static class RejectedRecord
{
    public const string ReasonHeader = "fraudlab.reason";
    public const string SourceTopicHeader = "fraudlab.source.topic";
    public const string SourcePartitionHeader = "fraudlab.source.partition";
    public const string SourceOffsetHeader = "fraudlab.source.offset";

    /// <summary>Set when the value is a truncated copy: the original's size in bytes (its hash is in <see cref="OriginalSha256Header"/>).</summary>
    public const string OriginalSizeHeader = "fraudlab.original.size";

    /// <summary>Lower-case hex SHA-256 of the original value, set with <see cref="OriginalSizeHeader"/>.</summary>
    public const string OriginalSha256Header = "fraudlab.original.sha256";

    /// <summary>Header every output carries so consumers can drop replays: deterministic per input record.</summary>
    public const string RecordIdHeader = "Record_Id";

    /// <summary>Longest reason kept in the header (a decoder's message may quote much of a huge input).</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>Room kept for the record batch's framing and the headers' own encoding when fitting a record under a limit.</summary>
    private const int FramingAllowance = 512;

    public static Message<byte[]?, byte[]?> Create(string reason, TopicPartitionOffset source, byte[]? key, byte[]? value) => new()
    {
        Key = key,
        Value = value,
        Headers = new Headers
        {
            { ReasonHeader, Encoding.UTF8.GetBytes(reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength), "…")) },
            { SourceTopicHeader, Encoding.UTF8.GetBytes(source.Topic) },
            { SourcePartitionHeader, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { SourceOffsetHeader, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { RecordIdHeader, Encoding.UTF8.GetBytes($"{source.Topic}-{source.Partition.Value}-{source.Offset.Value}") },
        },
    };

    /// <summary>
    /// <paramref name="message"/> unchanged when its key, value and headers fit in <paramref name="maxMessageBytes"/>
    /// (the producer's <c>message.max.bytes</c>); otherwise a copy whose value is the original's first bytes, with
    /// the original's size and SHA-256 in headers, so a record too large to forward is still seen, identified and
    /// checkable against its source.
    /// </summary>
    public static Message<byte[]?, byte[]?> Fit(Message<byte[]?, byte[]?> message, int maxMessageBytes)
    {
        var headerBytes = message.Headers?.Sum(h => h.Key.Length + (h.GetValueBytes()?.Length ?? 0) + 8) ?? 0;
        var size = (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0) + headerBytes + FramingAllowance;
        if (size <= maxMessageBytes || message.Value is not { } value)
        {
            return message;
        }

        var headers = new Headers();
        foreach (var header in message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(OriginalSizeHeader, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
        headers.Add(OriginalSha256Header, Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(value))));
        var room = Math.Max(0, maxMessageBytes - (message.Key?.Length ?? 0) - headerBytes - 256 - FramingAllowance);
        return new Message<byte[]?, byte[]?> { Key = message.Key, Value = value[..Math.Min(room, value.Length)], Headers = headers };
    }

    /// <summary>The reason and source of a rejected record read back (tools, tests); null when the headers are missing.</summary>
    public static RejectedRecordInfo? Read(Headers? headers)
    {
        if (headers is null
            || !headers.TryGetLastBytes(ReasonHeader, out var reason)
            || !headers.TryGetLastBytes(SourceTopicHeader, out var topic)
            || !headers.TryGetLastBytes(SourcePartitionHeader, out var partition)
            || !headers.TryGetLastBytes(SourceOffsetHeader, out var offset))
        {
            return null;
        }

        return new RejectedRecordInfo(
            Encoding.UTF8.GetString(reason),
            new TopicPartitionOffset(
                Encoding.UTF8.GetString(topic),
                int.Parse(Encoding.UTF8.GetString(partition), CultureInfo.InvariantCulture),
                long.Parse(Encoding.UTF8.GetString(offset), CultureInfo.InvariantCulture)));
    }
}

/// <summary>Why a record was rejected and where it came from.</summary>
public sealed record RejectedRecordInfo(string Reason, TopicPartitionOffset Source);
