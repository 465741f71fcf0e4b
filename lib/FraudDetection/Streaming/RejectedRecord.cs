using System.Globalization;
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

    /// <summary>Header every output carries so consumers can drop replays: deterministic per input record.</summary>
    public const string RecordIdHeader = "Record_Id";

    public static Message<byte[]?, byte[]?> Create(string reason, TopicPartitionOffset source, byte[]? key, byte[]? value) => new()
    {
        Key = key,
        Value = value,
        Headers = new Headers
        {
            { ReasonHeader, Encoding.UTF8.GetBytes(reason) },
            { SourceTopicHeader, Encoding.UTF8.GetBytes(source.Topic) },
            { SourcePartitionHeader, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { SourceOffsetHeader, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { RecordIdHeader, Encoding.UTF8.GetBytes($"{source.Topic}-{source.Partition.Value}-{source.Offset.Value}") },
        },
    };

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
