using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Xunit;

namespace FraudLab.Testing;

/// <summary>
/// The Kafka round trip every stack must pass, written once and run against any bootstrap address (the in-process
/// broker, <c>fraudlab local up</c>, Apache Kafka in Docker): Confluent.Kafka producer, consumer group, commits.
/// </summary>
public static class KafkaRoundTrip
{
    private const int Partitions = 3;
    private const int Keys = 6;
    private const int MessagesPerKey = 20;

    /// <summary>Upper bound for a wait that should take milliseconds; reaching it fails the test (it is not a speed check).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Produces keyed messages with headers to a new multi-partition topic; a consumer group reads all of them exactly once,
    /// in order per key, and commits; the group's committed offsets then add up to everything produced.
    /// </summary>
    public static async Task AssertAsync(string bootstrapServers)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var topic = LocalStackFixture.UniqueName("roundtrip");
        var group = LocalStackFixture.UniqueName("group");
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = Partitions, ReplicationFactor = 1 }]);
        }

        var sent = new List<(string Key, string Value)>();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5 }).Build())
        {
            for (var sequence = 0; sequence < MessagesPerKey; sequence++)
            {
                for (var key = 0; key < Keys; key++)
                {
                    var message = new Message<string, string>
                    {
                        Key = $"account-{key}",
                        Value = $"account-{key}/{sequence}",
                        Headers = [new Header("sequence", Encoding.UTF8.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)))],
                    };
                    var delivery = await producer.ProduceAsync(topic, message, cancellationToken);
                    Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
                    sent.Add((message.Key, message.Value));
                }
            }
        }

        var received = new List<(string Key, string Value, string Sequence)>();
        var consumerConfig = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using (var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build())
        {
            consumer.Subscribe(topic);
            var deadline = DateTime.UtcNow + Patience;
            while (received.Count < sent.Count && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is { } message)
                {
                    received.Add((message.Key, message.Value, Encoding.UTF8.GetString(message.Headers.GetLastBytes("sequence"))));
                }
            }

            consumer.Commit();
            Assert.Equal(sent.Count, consumer.Committed(TimeSpan.FromSeconds(10)).Sum(offset => offset.Offset.Value));
            consumer.Close();
        }

        Assert.Equal(sent.Count, received.Count);
        Assert.Equal(sent.Order(), received.Select(r => (r.Key, r.Value)).Order());
        foreach (var perKey in received.GroupBy(r => r.Key))
        {
            Assert.Equal(Enumerable.Range(0, MessagesPerKey).Select(s => $"{perKey.Key}/{s}"), perKey.Select(r => r.Value));
            Assert.Equal(Enumerable.Range(0, MessagesPerKey).Select(s => s.ToString(CultureInfo.InvariantCulture)), perKey.Select(r => r.Sequence));
        }
    }
}
