using FraudLab.Testing;
using Testcontainers.Kafka;

namespace FraudDetection.Tests.Integration;

/// <summary>
/// A Confluent.Kafka producer and a consumer group round trip, over TCP, written once and run against the kit's broker
/// (the local stack) and against Apache Kafka in Docker (Testcontainers) where a Docker engine answers.
/// </summary>
public sealed class KafkaRoundTripTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Producer_and_consumer_group_round_trip_over_the_kit_broker()
    {
        await KafkaRoundTrip.AssertAsync(stack.BootstrapServers);
    }

    [Fact]
    public async Task Producer_and_consumer_group_round_trip_over_apache_kafka_in_docker()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        if (await DockerEngine.UnavailableReasonAsync(cancellationToken) is { } reason)
        {
            Assert.Skip($"Apache Kafka via Testcontainers needs a Docker engine: {reason}");
        }

        await using var kafka = new KafkaBuilder("apache/kafka:3.9.1").Build();
        await kafka.StartAsync(cancellationToken);
        await KafkaRoundTrip.AssertAsync(kafka.GetBootstrapAddress());
    }
}
