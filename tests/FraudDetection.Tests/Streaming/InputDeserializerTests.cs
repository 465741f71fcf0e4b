using System.Text;
using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Model;
using FraudDetection.Streaming;

namespace FraudDetection.Tests.Streaming;

public sealed class InputDeserializerTests
{
    private readonly TopicsOptions _topics = new();
    private readonly InputDeserializer _deserializer = new(new TopicsOptions());

    [Fact]
    public void Decodes_a_transaction_from_the_transactions_topic()
    {
        var json = FraudJson.Serialize(Sample());

        var record = _deserializer.Deserialize(json, isNull: false, Context(_topics.Transactions));

        Assert.Null(record.Error);
        Assert.Equal(Sample(), record.Transaction);
        Assert.Null(record.Original);
    }

    [Fact]
    public void Decodes_a_flag_from_the_flags_topic()
    {
        var flag = new FlaggedAccount { AccountId = 5, FlagDate = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var record = _deserializer.Deserialize(FraudJson.Serialize(flag), isNull: false, Context(_topics.FlaggedAccounts));

        Assert.Equal(flag, record.Flag);
    }

    [Fact]
    public void A_malformed_value_keeps_its_bytes_and_the_reason()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"Account_Id\":");

        var record = _deserializer.Deserialize(bytes, isNull: false, Context(_topics.Transactions));

        Assert.NotNull(record.Error);
        Assert.Equal(bytes, record.Original);
        Assert.Null(record.Transaction);
    }

    [Fact]
    public void A_schema_invalid_transaction_names_the_field()
    {
        var record = _deserializer.Deserialize(FraudJson.Serialize(Sample() with { AccountId = 0 }), isNull: false, Context(_topics.Transactions));

        Assert.Contains("Account_Id", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tombstone_is_invalid_without_bytes()
    {
        var record = _deserializer.Deserialize([], isNull: true, Context(_topics.Transactions));

        Assert.Contains("tombstone", record.Error, StringComparison.Ordinal);
        Assert.Null(record.Original);
    }

    private static SerializationContext Context(string topic) => new(MessageComponentType.Value, topic);

    private static Transaction Sample() => new()
    {
        AccountId = 42,
        CustomerName = "Ada",
        MerchantType = MerchantType.GasStation,
        TransactionId = "0123456789abcdef",
        TransactionType = TransactionType.Online,
        TransactionAmount = 12.5m,
        TransactionDate = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };
}
