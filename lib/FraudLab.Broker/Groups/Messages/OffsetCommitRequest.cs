namespace FraudLab.Broker.Groups;

/// <summary>An OffsetCommit request, decoded.</summary>
/// <param name="GenerationId">-1 (with an empty <paramref name="MemberId"/>) for a standalone consumer that manages no group.</param>
internal sealed record OffsetCommitRequest(
    string GroupId,
    int GenerationId,
    string MemberId,
    IReadOnlyList<OffsetCommitPartition> Partitions);
