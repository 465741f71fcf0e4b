namespace FraudLab.Broker.Groups;

/// <summary>A SyncGroup request, decoded. Only the leader sends <paramref name="Assignments"/>; followers send none.</summary>
internal sealed record SyncGroupRequest(
    string GroupId,
    int GenerationId,
    string MemberId,
    IReadOnlyList<(string MemberId, byte[] Assignment)> Assignments);
