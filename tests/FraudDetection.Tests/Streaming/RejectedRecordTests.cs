using System.Text;
using Confluent.Kafka;
using FraudDetection.Streaming;

namespace FraudDetection.Tests.Streaming;

public sealed class RejectedRecordTests
{
    [Fact]
    public void Keeps_the_original_bytes_and_names_reason_and_source()
    {
        byte[] key = [1, 2, 3];
        byte[] value = Encoding.UTF8.GetBytes("{\"Account_Id\": \"not a number\"");
        var source = new TopicPartitionOffset("Demo_transactions", 3, 1234);

        var message = RejectedRecord.Create("Account_Id: expected a whole number, got a string", source, key, value);
        var info = RejectedRecord.Read(message.Headers);

        Assert.Equal(key, message.Key);
        Assert.Equal(value, message.Value);
        Assert.NotNull(info);
        Assert.Equal("Account_Id: expected a whole number, got a string", info.Reason);
        Assert.Equal(source, info.Source);
        Assert.True(message.Headers.TryGetLastBytes(RejectedRecord.RecordIdHeader, out var id));
        Assert.Equal("Demo_transactions-3-1234", Encoding.UTF8.GetString(id));
    }

    [Fact]
    public void A_tombstone_stays_a_tombstone()
    {
        var message = RejectedRecord.Create("empty value", new TopicPartitionOffset("t", 0, 0), key: null, value: null);

        Assert.Null(message.Key);
        Assert.Null(message.Value);
    }

    [Fact]
    public void Headers_of_an_ordinary_record_are_not_a_rejection()
    {
        Assert.Null(RejectedRecord.Read(new Headers { { "other", [1] } }));
        Assert.Null(RejectedRecord.Read(null));
    }
}
