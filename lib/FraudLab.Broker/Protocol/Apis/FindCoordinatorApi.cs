using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>FindCoordinator v0-2: this node coordinates every group; transaction coordinators are not offered.</summary>
internal sealed class FindCoordinatorApi(BrokerContext broker) : IApiHandler
{
    private const sbyte TransactionKey = 1;

    public ApiKey Key => ApiKey.FindCoordinator;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        reader.ReadString(); // group id: every group lives here
        var keyType = version >= 1 ? reader.ReadInt8() : (sbyte)0;
        var supported = keyType != TransactionKey;
        if (version >= 1) response.WriteInt32(0);
        response.WriteInt16(supported ? ErrorCode.None : ErrorCode.CoordinatorNotAvailable);
        if (version >= 1) response.WriteNullableString(supported ? null : "transactions are not supported by this broker");
        response.WriteInt32(supported ? BrokerContext.NodeId : -1);
        response.WriteString(supported ? broker.AdvertisedHost : "");
        response.WriteInt32(supported ? broker.Port : -1);
        return ValueTask.CompletedTask;
    }
}
