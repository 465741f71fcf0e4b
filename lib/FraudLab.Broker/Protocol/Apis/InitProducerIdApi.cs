using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// InitProducerId v0-1 for idempotent producers: a fresh producer id (epoch 0) per call, above every id
/// found in the stored batches so ids stay unique across restarts. Transactions are not offered.
/// </summary>
internal sealed class InitProducerIdApi(BrokerContext broker) : IApiHandler
{
    private readonly Lock _lock = new();
    private long? _lastId;

    public ApiKey Key => ApiKey.InitProducerId;

    public short MaxVersion => 1;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var transactionalId = reader.ReadNullableString();
        reader.ReadInt32(); // transaction timeout
        response.WriteInt32(0);
        if (transactionalId is not null)
        {
            response.WriteInt16(ErrorCode.UnsupportedForMessageFormat);
            response.WriteInt64(-1);
            response.WriteInt16(-1);
            return ValueTask.CompletedTask;
        }
        response.WriteInt16(ErrorCode.None);
        response.WriteInt64(NextId());
        response.WriteInt16(0);
        return ValueTask.CompletedTask;
    }

    private long NextId()
    {
        lock (_lock)
        {
            _lastId ??= Math.Max(broker.Topics.MaxProducerId, 0);
            return (long)++_lastId;
        }
    }
}
