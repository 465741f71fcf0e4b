using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Model;

namespace FraudDetection.Streaming;

/// <summary>
/// Decodes the processor's input topics straight from librdkafka's buffer with the validating UTF-8 decoders:
/// the transactions topic into <see cref="Transaction"/>, the flags topic into <see cref="FlaggedAccount"/>.
/// Never throws: anything else becomes an invalid record that names the problem.
/// </summary>
public sealed class InputDeserializer(TopicsOptions topics) : IDeserializer<InputRecord>
{
    public InputRecord Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return InputRecord.Invalid("empty value (tombstone): expected a JSON object", data, isNull: true);
        }

        if (context.Topic == topics.Transactions)
        {
            var transaction = TransactionDecoder.Decode(data);
            return transaction.IsSuccess ? InputRecord.Of(transaction.Value) : InputRecord.Invalid(transaction.Error, data, isNull: false);
        }

        if (context.Topic == topics.FlaggedAccounts)
        {
            var flag = FlaggedAccountDecoder.Decode(data);
            return flag.IsSuccess ? InputRecord.Of(flag.Value) : InputRecord.Invalid(flag.Error, data, isNull: false);
        }

        return InputRecord.Invalid($"topic {context.Topic} is not an input of the processor", data, isNull: false);
    }
}
