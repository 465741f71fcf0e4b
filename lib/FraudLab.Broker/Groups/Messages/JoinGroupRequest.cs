namespace FraudLab.Broker.Groups;

/// <summary>A JoinGroup request, decoded.</summary>
/// <param name="MemberId">Empty for a member joining for the first time.</param>
/// <param name="GroupInstanceId">Static membership id (KIP-345), null for dynamic members.</param>
/// <param name="RebalanceTimeoutMs">JoinGroup v0 has none: pass <paramref name="SessionTimeoutMs"/>, as Kafka does.</param>
/// <param name="Protocols">In the member's order of preference.</param>
/// <param name="RequireKnownMemberId">True from JoinGroup v4 on (KIP-394): a new member first gets MEMBER_ID_REQUIRED with its id.</param>
internal sealed record JoinGroupRequest(
    string GroupId,
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    string ClientHost,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    string ProtocolType,
    IReadOnlyList<GroupProtocol> Protocols,
    bool RequireKnownMemberId);
