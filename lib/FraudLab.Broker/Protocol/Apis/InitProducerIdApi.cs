using FraudLab.Broker.Transactions;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// InitProducerId v0-1: a fresh idempotent producer id (epoch 0), or with a transactional id that id's producer id
/// with its epoch bumped, fencing the previous producer (see <see cref="TransactionCoordinator"/>). Ids stay above
/// every id found in the stored batches, so they are unique across restarts.
/// </summary>
internal sealed class InitProducerIdApi(TransactionCoordinator transactions) : IApiHandler
{
    public ApiKey Key => ApiKey.InitProducerId;

    public short MaxVersion => 1;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var transactionalId = reader.ReadNullableString();
        var timeoutMs = reader.ReadInt32();
        var (error, producerId, epoch) = transactions.InitProducerId(transactionalId, timeoutMs);
        response.WriteInt32(0);
        response.WriteInt16(error);
        response.WriteInt64(producerId);
        response.WriteInt16(epoch);
        return ValueTask.CompletedTask;
    }
}
