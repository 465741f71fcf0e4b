using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>ListGroups v0-2: every group the coordinator knows.</summary>
internal sealed class ListGroupsApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.ListGroups;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var listed = groups.ListGroups();
        if (request.Version >= 1) response.WriteInt32(0);
        response.WriteInt16(ErrorCode.None);
        response.WriteArrayCount(listed.Count);
        foreach (var (groupId, protocolType) in listed)
        {
            response.WriteString(groupId);
            response.WriteString(protocolType);
        }
        return ValueTask.CompletedTask;
    }
}
