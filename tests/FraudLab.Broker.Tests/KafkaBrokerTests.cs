using Confluent.Kafka;

namespace FraudLab.Broker.Tests;

public sealed class KafkaBrokerTests
{
    [Fact]
    public async Task ProducerAndAssignedConsumerRoundTrip()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, InMemory = true }, ct: ct);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        for (var i = 0; i < 10; i++)
            await producer.ProduceAsync("round-trip", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }, ct);

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = "unused", EnableAutoCommit = false }).Build();
        consumer.Assign(new TopicPartitionOffset("round-trip", 0, Offset.Beginning));
        var values = new List<string>();
        while (values.Count < 10) values.Add(consumer.Consume(ct).Message.Value);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), values);
    }
}
