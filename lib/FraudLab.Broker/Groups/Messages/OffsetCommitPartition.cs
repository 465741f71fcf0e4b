namespace FraudLab.Broker.Groups;

/// <summary>One partition of an OffsetCommit request. <paramref name="Offset"/> is the next offset to read.</summary>
internal sealed record OffsetCommitPartition(string Topic, int Partition, long Offset, string? Metadata);
