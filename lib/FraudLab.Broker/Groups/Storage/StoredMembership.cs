namespace FraudLab.Broker.Groups;

/// <summary>A group's membership as saved: its generation and, when Stable, its members and their assignments.</summary>
/// <param name="Protocol">Null when the group is Empty.</param>
/// <param name="LeaderId">Null when the group is Empty.</param>
internal sealed record StoredMembership(
    string ProtocolType,
    int GenerationId,
    string? Protocol,
    string? LeaderId,
    IReadOnlyList<StoredMember> Members);
