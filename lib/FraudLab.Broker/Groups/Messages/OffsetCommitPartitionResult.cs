namespace FraudLab.Broker.Groups;

/// <summary>The outcome of one partition of an OffsetCommit request.</summary>
internal sealed record OffsetCommitPartitionResult(string Topic, int Partition, short ErrorCode);
