using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>SyncGroup v0-3: the leader hands in every member's assignment; followers wait for theirs.</summary>
internal sealed class SyncGroupApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.SyncGroup;

    public short MaxVersion => 3;

    public async ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var sync = Parse(request);
        var result = await groups.SyncAsync(sync, ct).ConfigureAwait(false);
        if (request.Version >= 1) response.WriteInt32(0);
        response.WriteInt16(result.ErrorCode);
        response.WriteBytes(result.Assignment);
    }

    private static SyncGroupRequest Parse(Request request)
    {
        var reader = request.Reader();
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        if (request.Version >= 3) reader.ReadNullableString(); // group instance id: the member id identifies it
        var count = reader.ReadArrayCount();
        var assignments = new List<(string, byte[])>(Math.Max(count, 0));
        for (var i = 0; i < count; i++) assignments.Add((reader.ReadString(), reader.ReadBytes()));
        return new SyncGroupRequest(groupId, generationId, memberId, assignments);
    }
}
