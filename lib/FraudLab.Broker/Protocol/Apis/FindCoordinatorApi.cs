using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>FindCoordinator v0-2: this node coordinates every group (key type 0) and every transactional id (key type 1).</summary>
internal sealed class FindCoordinatorApi(BrokerContext broker) : IApiHandler
{

    public ApiKey Key => ApiKey.FindCoordinator;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        reader.ReadString(); // group or transactional id: every one lives here
        var keyType = version >= 1 ? reader.ReadInt8() : (sbyte)0;
        var supported = keyType is 0 or 1;
        if (version >= 1) response.WriteInt32(0);
        response.WriteInt16(supported ? ErrorCode.None : ErrorCode.CoordinatorNotAvailable);
        if (version >= 1) response.WriteNullableString(supported ? null : $"unknown coordinator key type {keyType}");
        response.WriteInt32(supported ? BrokerContext.NodeId : -1);
        response.WriteString(supported ? broker.AdvertisedHost : "");
        response.WriteInt32(supported ? broker.Port : -1);
        return ValueTask.CompletedTask;
    }
}
