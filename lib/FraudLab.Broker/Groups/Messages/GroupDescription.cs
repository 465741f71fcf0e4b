namespace FraudLab.Broker.Groups;

/// <summary>A DescribeGroups entry. <see cref="GroupState"/> names are Kafka's state strings (use <c>State.ToString()</c>).
/// An unknown group is described as Kafka does for DescribeGroups v0-4: no error, state Dead, no members.</summary>
/// <param name="Protocol">The selected protocol while Stable, empty otherwise.</param>
internal sealed record GroupDescription(
    short ErrorCode,
    string GroupId,
    GroupState State,
    string ProtocolType,
    string Protocol,
    IReadOnlyList<MemberDescription> Members);
