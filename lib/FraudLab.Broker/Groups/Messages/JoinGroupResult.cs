namespace FraudLab.Broker.Groups;

/// <summary>A JoinGroup response, to encode.</summary>
/// <param name="GenerationId">-1 with an error.</param>
/// <param name="ProtocolName">Empty with an error.</param>
/// <param name="MemberId">The caller's member id (newly generated for a new member, also with MEMBER_ID_REQUIRED).</param>
/// <param name="Members">Every member with its metadata, for the leader only; empty for the others.</param>
internal sealed record JoinGroupResult(
    short ErrorCode,
    int GenerationId,
    string ProtocolName,
    string LeaderId,
    string MemberId,
    IReadOnlyList<JoinGroupMember> Members)
{
    internal static JoinGroupResult Failed(short errorCode, string memberId) => new(errorCode, -1, "", "", memberId, []);
}
