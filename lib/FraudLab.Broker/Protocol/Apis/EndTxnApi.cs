using FraudLab.Broker.Transactions;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>EndTxn v0-2: commits or aborts the open transaction (markers written before the answer).</summary>
internal sealed class EndTxnApi(TransactionCoordinator transactions) : IApiHandler
{
    public ApiKey Key => ApiKey.EndTxn;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var transactionalId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var epoch = reader.ReadInt16();
        var commit = reader.ReadBool();
        response.WriteInt32(0);
        response.WriteInt16(transactions.EndTransaction(transactionalId, producerId, epoch, commit, FencedError.For(request.Version)));
        return ValueTask.CompletedTask;
    }
}
