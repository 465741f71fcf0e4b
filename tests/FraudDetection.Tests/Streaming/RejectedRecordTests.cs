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

    [Fact]
    public void A_record_that_fits_is_forwarded_unchanged()
    {
        var message = RejectedRecord.Create("bad", new TopicPartitionOffset("t", 1, 2), [1], new byte[1000]);

        Assert.Same(message, RejectedRecord.Fit(message, 1_048_588));
    }

    [Fact]
    public void A_record_too_large_becomes_a_truncated_copy_with_its_size_and_hash()
    {
        var value = new byte[2_000_000];
        new Random(3).NextBytes(value);
        var source = new TopicPartitionOffset("Demo_transactions", 2, 77);

        var fitted = RejectedRecord.Fit(RejectedRecord.Create("too large", source, [9], value), 1_048_588);

        Assert.True(fitted.Value!.Length < 1_048_588 - 512);
        Assert.Equal(value.AsSpan(0, fitted.Value.Length).ToArray(), fitted.Value);
        Assert.True(fitted.Headers.TryGetLastBytes(RejectedRecord.OriginalSizeHeader, out var size));
        Assert.Equal("2000000", Encoding.UTF8.GetString(size));
        Assert.True(fitted.Headers.TryGetLastBytes(RejectedRecord.OriginalSha256Header, out var hash));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(value)), Encoding.UTF8.GetString(hash));
        var info = RejectedRecord.Read(fitted.Headers);
        Assert.NotNull(info);
        Assert.Equal("too large", info.Reason);
        Assert.Equal(source, info.Source);
    }

    [Fact]
    public void A_reason_quoting_a_huge_input_is_cut_to_its_limit()
    {
        var message = RejectedRecord.Create(new string('x', 2_000_000), new TopicPartitionOffset("t", 0, 0), null, [1]);

        Assert.Equal(RejectedRecord.MaxReasonLength + 1, RejectedRecord.Read(message.Headers)!.Reason.Length);
    }
}
