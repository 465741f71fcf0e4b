using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>LeaveGroup v0-1: a member leaves at once, so the others rebalance without waiting for its session to expire.</summary>
internal sealed class LeaveGroupApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.LeaveGroup;

    public short MaxVersion => 1;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var groupId = reader.ReadString();
        var memberId = reader.ReadString();
        if (request.Version >= 1) response.WriteInt32(0);
        response.WriteInt16(groups.Leave(groupId, memberId));
        return ValueTask.CompletedTask;
    }
}
