namespace FraudLab.Broker.Groups;

/// <summary>A member as the leader sees it in its JoinGroup response: its metadata for the selected protocol.</summary>
internal sealed record JoinGroupMember(string MemberId, string? GroupInstanceId, byte[] Metadata);
