namespace FraudLab.Broker.Groups;

/// <summary>A member in a DescribeGroups entry; metadata and assignment are filled only while the group is Stable.</summary>
internal sealed record MemberDescription(
    string MemberId,
    string ClientId,
    string ClientHost,
    byte[] Metadata,
    byte[] Assignment,
    string? GroupInstanceId);
