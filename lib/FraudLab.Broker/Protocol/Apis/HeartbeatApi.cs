using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>Heartbeat v0-3: keeps a member alive; REBALANCE_IN_PROGRESS tells it to rejoin.</summary>
internal sealed class HeartbeatApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.Heartbeat;

    public short MaxVersion => 3;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        if (request.Version >= 1) response.WriteInt32(0);
        response.WriteInt16(groups.Heartbeat(groupId, generationId, memberId));
        return ValueTask.CompletedTask;
    }
}
