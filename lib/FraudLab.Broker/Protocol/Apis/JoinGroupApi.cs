using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>JoinGroup v0-5; the answer may come much later, when the rebalance completes.</summary>
internal sealed class JoinGroupApi(GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.JoinGroup;

    public short MaxVersion => 5;

    public async ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var join = Parse(request);
        var result = await groups.JoinAsync(join, ct).ConfigureAwait(false);
        if (version >= 2) response.WriteInt32(0);
        response.WriteInt16(result.ErrorCode);
        response.WriteInt32(result.GenerationId);
        response.WriteString(result.ProtocolName);
        response.WriteString(result.LeaderId);
        response.WriteString(result.MemberId);
        response.WriteArrayCount(result.Members.Count);
        foreach (var member in result.Members)
        {
            response.WriteString(member.MemberId);
            if (version >= 5) response.WriteNullableString(member.GroupInstanceId);
            response.WriteBytes(member.Metadata);
        }
    }

    private static JoinGroupRequest Parse(Request request)
    {
        var version = request.Version;
        var reader = request.Reader();
        var groupId = reader.ReadString();
        var sessionTimeoutMs = reader.ReadInt32();
        var rebalanceTimeoutMs = version >= 1 ? reader.ReadInt32() : sessionTimeoutMs;
        var memberId = reader.ReadString();
        var groupInstanceId = version >= 5 ? reader.ReadNullableString() : null;
        var protocolType = reader.ReadString();
        var count = reader.ReadArrayCount();
        var protocols = new List<GroupProtocol>(Math.Max(count, 0));
        for (var i = 0; i < count; i++) protocols.Add(new GroupProtocol(reader.ReadString(), reader.ReadBytes()));
        return new JoinGroupRequest(groupId, memberId, groupInstanceId, request.Header.ClientId ?? "", request.ClientHost,
            sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols, RequireKnownMemberId: version >= 4);
    }
}
