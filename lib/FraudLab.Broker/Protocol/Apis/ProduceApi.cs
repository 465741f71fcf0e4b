using FraudLab.Broker.Log;
using FraudLab.Broker.Server;
using FraudLab.Broker.Transactions;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// Produce v0-8 (record batch v2 only): each partition's batches are validated, stamped with offsets
/// in the request buffer and stored as they are. acks 0 gets no response at all, as in Kafka. Transactional
/// batches (v3+, with a transactional id) are checked with the transaction coordinator first.
/// </summary>
internal sealed class ProduceApi(BrokerContext broker, TransactionCoordinator transactions, ILogger logger) : IApiHandler
{
    public ApiKey Key => ApiKey.Produce;

    public short MaxVersion => 8;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var version = request.Version;
        var reader = request.Reader();
        var transactionalId = version >= 3 ? reader.ReadNullableString() : null;
        var acks = reader.ReadInt16();
        reader.ReadInt32(); // timeout: a single node never waits for replicas
        var badAcks = acks is not (-1 or 0 or 1);
        response.Suppressed = acks == 0;

        var topicCount = reader.ReadArrayCount();
        response.WriteArrayCount(topicCount);
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            broker.Topics.TryGet(name, out var topic);
            response.WriteString(name);
            var partitionCount = reader.ReadArrayCount();
            response.WriteArrayCount(partitionCount);
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var records = reader.ReadNullableBytesRange();
                var log = topic?.Partition(index);
                var result = badAcks ? AppendResult.Failed(ErrorCode.InvalidRequiredAcks, $"acks {acks} must be -1, 0 or 1")
                    : log is null ? AppendResult.Failed(ErrorCode.UnknownTopicOrPartition, $"no partition {name}-{index}")
                    : records is null ? AppendResult.Failed(ErrorCode.InvalidRecord, "records are null")
                    : log.Append(request.Body.Span[records.Value],
                        transactionalId is null ? null : batch => transactions.VerifyProduce(transactionalId, batch, name, index));
                if (result.ErrorCode != ErrorCode.None)
                    logger.LogWarning("Produce v{Version} to {Topic}-{Partition} from {Client} refused (error {Error}): {Message}",
                        version, name, index, request.Header.ClientId, result.ErrorCode, result.Message);
                response.WriteInt32(index);
                response.WriteInt16(result.ErrorCode);
                response.WriteInt64(result.BaseOffset);
                if (version >= 2) response.WriteInt64(-1); // log append time: CreateTime topics
                if (version >= 5) response.WriteInt64(result.LogStartOffset);
                if (version >= 8)
                {
                    response.WriteArrayCount(0);
                    response.WriteNullableString(result.Message);
                }
            }
        }
        if (version >= 1) response.WriteInt32(0);
        return ValueTask.CompletedTask;
    }
}
