using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>DescribeGroups v0-4: state, protocol and members (with metadata and assignment) of each asked group.</summary>
internal sealed class DescribeGroupsApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.DescribeGroups;

    public short MaxVersion => 4;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var groupIds = reader.ReadStringArray();
        if (version >= 1) response.WriteInt32(0);
        response.WriteArrayCount(groupIds.Count);
        foreach (var groupId in groupIds)
        {
            var group = groups.Describe(groupId);
            response.WriteInt16(group.ErrorCode);
            response.WriteString(group.GroupId);
            response.WriteString(group.State.ToString());
            response.WriteString(group.ProtocolType);
            response.WriteString(group.Protocol);
            response.WriteArrayCount(group.Members.Count);
            foreach (var member in group.Members)
            {
                response.WriteString(member.MemberId);
                if (version >= 4) response.WriteNullableString(member.GroupInstanceId);
                response.WriteString(member.ClientId);
                response.WriteString(member.ClientHost);
                response.WriteBytes(member.Metadata);
                response.WriteBytes(member.Assignment);
            }
            if (version >= 3) response.WriteInt32(int.MinValue); // authorized operations: not computed
        }
        return ValueTask.CompletedTask;
    }
}
