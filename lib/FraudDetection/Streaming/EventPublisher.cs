using Confluent.Kafka;
using FraudDetection.Model;

namespace FraudDetection.Streaming;

/// <summary>
/// Produces transactions and flags the way the processor expects them: JSON from the source-generated context, keyed
/// by Account_Id (co-partitioning, see <see cref="AccountKey"/>), and stamped with the event time as the Kafka
/// timestamp, which lets the processor find "the last N minutes of event time" with OffsetsForTimes on restart.
/// </summary>
public sealed class EventPublisher(KafkaClientFactory factory, string role) : IDisposable
{
    private readonly AcknowledgedProducer _producer = new(factory, role);

    public void Publish(string topic, Transaction transaction) =>
        _producer.Send(topic, Message(transaction.AccountId, FraudJson.Serialize(transaction), transaction.TransactionDate));

    public void Publish(string topic, FlaggedAccount flag) =>
        _producer.Send(topic, Message(flag.AccountId, FraudJson.Serialize(flag), flag.FlagDate));

    /// <summary>Blocks until everything published so far is acknowledged (failed records are re-sent; see <see cref="AcknowledgedProducer"/>).</summary>
    public void WaitForAcknowledgements(CancellationToken cancellationToken) => _producer.WaitForAcknowledgements(cancellationToken);

    public void Dispose() => _producer.Dispose();

    private static Message<byte[]?, byte[]?> Message(long accountId, byte[] value, DateTimeOffset eventTime) => new()
    {
        Key = AccountKey.Encode(accountId),
        Value = value,
        Timestamp = new Timestamp(eventTime),
    };
}
