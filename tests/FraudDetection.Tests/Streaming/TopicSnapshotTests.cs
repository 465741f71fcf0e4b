using Confluent.Kafka;
using FraudDetection.Streaming;
using FraudLab.Testing;

namespace FraudDetection.Tests.Streaming;

public sealed class TopicSnapshotTests(LocalStackFixture stack)
{
    [Fact]
    public async Task An_empty_topic_reads_as_empty()
    {
        var topic = await stack.CreateTopicAsync(partitions: 2);

        Assert.Empty(TopicSnapshot.Read(stack.KafkaClients, topic, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reads_every_partition_in_offset_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = await stack.CreateTopicAsync(partitions: 2);
        using var producer = new AcknowledgedProducer(stack.KafkaClients, "test");
        for (var i = 0; i < 40; i++)
        {
            producer.Send(topic, new Message<byte[]?, byte[]?> { Key = AccountKey.Encode(i % 2), Value = [(byte)i] });
        }

        producer.WaitForAcknowledgements(ct);

        var records = TopicSnapshot.Read(stack.KafkaClients, topic, ct);

        Assert.Equal(40, records.Count);
        Assert.All(records.GroupBy(r => r.Partition), p => Assert.Equal(p.Select(r => r.Offset.Value).Order(), p.Select(r => r.Offset.Value)));
    }
}
