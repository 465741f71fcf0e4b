using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FraudDetection.Configuration;
using FraudDetection.Storage;
using FraudDetection.Streaming;

namespace FraudDetection.LocalStack;

/// <summary>How long each half of <see cref="StackRoundTrip"/> took, for the user to see.</summary>
public sealed record StackRoundTripResult(TimeSpan Kafka, TimeSpan DynamoDb);

/// <summary>
/// Proves a stack works end to end, not just that its ports are open: one Kafka message written and read back, one
/// DynamoDB item written and read back. Both use throw-away resources (a topic and a table of their own, deleted after)
/// so the workshop's topics and audit table are never touched.
/// </summary>
public static class StackRoundTrip
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<StackRoundTripResult> RunAsync(KafkaOptions kafka, DynamoDbOptions dynamoDb, CancellationToken cancellationToken = default)
    {
        // Fail at once, in one line, when a part is not there (librdkafka would otherwise retry until its own timeouts).
        if (await ServiceProbe.KafkaTopicsAsync(kafka, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new LocalStackException($"Kafka does not answer on {kafka.BootstrapServers}: start the stack with `fraudlab local up`");
        }

        if (!await ServiceProbe.DynamoDbAnswersAsync(dynamoDb, cancellationToken).ConfigureAwait(false))
        {
            throw new LocalStackException($"DynamoDB does not answer on {dynamoDb.ServiceUrl}: start the stack with `fraudlab local up`");
        }

        var kafkaTime = await MeasureAsync("Kafka", () => KafkaAsync(new KafkaClientFactory(kafka), cancellationToken)).ConfigureAwait(false);
        var dynamoTime = await MeasureAsync("DynamoDB", () => DynamoDbAsync(dynamoDb, cancellationToken)).ConfigureAwait(false);
        return new StackRoundTripResult(kafkaTime, dynamoTime);
    }

    /// <summary>librdkafka's own log lines would interleave with the CLI's output; failures surface as exceptions instead.</summary>
    private static void IgnoreLog<T>(IClient client, T message)
    {
    }

    private static async Task<TimeSpan> MeasureAsync(string part, Func<Task> roundTrip)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await roundTrip().ConfigureAwait(false);
            return clock.Elapsed;
        }
        catch (Exception ex) when (ex is KafkaException or AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException)
        {
            throw new LocalStackException($"{part} round trip failed: {ex.Message}", ex);
        }
    }

    private static async Task KafkaAsync(KafkaClientFactory clients, CancellationToken cancellationToken)
    {
        var topic = $"fraudlab-roundtrip-{Guid.NewGuid():N}";
        var payload = Guid.NewGuid().ToString("N");
        using var admin = new AdminClientBuilder(clients.AdminConfig("roundtrip")).SetLogHandler(IgnoreLog).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = 1 }]).ConfigureAwait(false);
        try
        {
            using (var producer = new ProducerBuilder<Null, string>(clients.ProducerConfig("roundtrip")).SetLogHandler(IgnoreLog).Build())
            {
                await producer.ProduceAsync(topic, new Message<Null, string> { Value = payload }, cancellationToken).ConfigureAwait(false);
            }

            // Assigned, not subscribed: no group, no rebalance, just "read partition 0 from the start".
            var config = clients.ConsumerConfig("roundtrip", groupId: topic);
            using var consumer = new ConsumerBuilder<Null, string>(config).SetLogHandler(IgnoreLog).Build();
            consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
            var result = await Task.Run(() => consumer.Consume(Patience), cancellationToken).ConfigureAwait(false);
            if (result?.Message.Value != payload)
            {
                throw new LocalStackException($"Kafka round trip failed: the message written to {topic} was not read back within {Patience.TotalSeconds:0} s");
            }
        }
        finally
        {
            await admin.DeleteTopicsAsync([topic]).ConfigureAwait(false);
        }
    }

    private static async Task DynamoDbAsync(DynamoDbOptions options, CancellationToken cancellationToken)
    {
        var table = $"fraudlab_roundtrip_{Guid.NewGuid():N}";
        var payload = Guid.NewGuid().ToString("N");
        using var client = DynamoDbClientFactory.Create(options, KitMode.Local);
        await client.CreateTableAsync(
            new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
            },
            cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = DateTime.UtcNow + Patience;
            while ((await client.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"table {table} did not become ACTIVE within {Patience.TotalSeconds:0} s");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            var key = new Dictionary<string, AttributeValue> { ["Id"] = new() { S = "roundtrip" } };
            await client.PutItemAsync(table, new Dictionary<string, AttributeValue>(key) { ["Payload"] = new() { S = payload } }, cancellationToken).ConfigureAwait(false);
            var read = await client.GetItemAsync(table, key, consistentRead: true, cancellationToken).ConfigureAwait(false);
            if (read.Item is null || !read.Item.TryGetValue("Payload", out var value) || value.S != payload)
            {
                throw new LocalStackException($"DynamoDB round trip failed: the item written to {table} was not read back");
            }
        }
        finally
        {
            await client.DeleteTableAsync(table, cancellationToken).ConfigureAwait(false);
        }
    }
}
