namespace FraudLab.Broker.Groups;

/// <summary>A member of a Stable generation as saved: its metadata for the selected protocol and its assignment.</summary>
internal sealed record StoredMember(
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    string ClientHost,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    byte[] Metadata,
    byte[] Assignment);
