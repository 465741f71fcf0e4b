using System.Text;
using Confluent.Kafka;
using FraudDetection.Streaming;
using FraudLab.Testing;

namespace FraudDetection.Tests.Streaming;

public sealed class AcknowledgedProducerTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Everything_sent_is_on_the_topic_once_acknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = await stack.CreateTopicAsync(partitions: 3);
        using var producer = new AcknowledgedProducer(stack.KafkaClients, "test");

        for (var i = 0; i < 500; i++)
        {
            producer.Send(topic, new Message<byte[]?, byte[]?> { Key = AccountKey.Encode(i % 17), Value = Encoding.UTF8.GetBytes($"v{i}") });
        }

        producer.WaitForAcknowledgements(ct);

        var records = TopicSnapshot.Read(stack.KafkaClients, topic, ct);
        Assert.Equal(
            Enumerable.Range(0, 500).Select(i => $"v{i}").Order(),
            records.Select(r => Encoding.UTF8.GetString(r.Message.Value!)).Order());
    }

    [Fact]
    public async Task One_account_always_lands_in_one_partition()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = await stack.CreateTopicAsync(partitions: 4);
        using var producer = new AcknowledgedProducer(stack.KafkaClients, "test");

        for (var i = 0; i < 200; i++)
        {
            producer.Send(topic, new Message<byte[]?, byte[]?> { Key = AccountKey.Encode(i % 10), Value = [(byte)i] });
        }

        producer.WaitForAcknowledgements(ct);

        var byAccount = TopicSnapshot.Read(stack.KafkaClients, topic, ct).GroupBy(r => Encoding.UTF8.GetString(r.Message.Key!));
        Assert.Equal(10, byAccount.Count());
        Assert.All(byAccount, account => Assert.Single(account.Select(r => r.Partition.Value).Distinct()));
    }
}
