using FraudLab.Broker.Transactions;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>AddOffsetsToTxn v0-2: a consumer group's offsets will be committed with the open transaction.</summary>
internal sealed class AddOffsetsToTxnApi(TransactionCoordinator transactions) : IApiHandler
{
    public ApiKey Key => ApiKey.AddOffsetsToTxn;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var transactionalId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var groupId = reader.ReadString();
        response.WriteInt32(0);
        response.WriteInt16(transactions.AddOffsets(transactionalId, producerId, epoch, groupId, FencedError.For(request.Version)));
        return ValueTask.CompletedTask;
    }
}
