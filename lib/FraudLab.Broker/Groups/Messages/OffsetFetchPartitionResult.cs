namespace FraudLab.Broker.Groups;

/// <summary>A committed offset as OffsetFetch returns it: -1 and empty metadata, with no error, when nothing was committed.</summary>
internal sealed record OffsetFetchPartitionResult(long Offset, string? Metadata, short ErrorCode);
