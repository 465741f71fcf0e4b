using Confluent.Kafka;
using FraudDetection.Observability;
using FraudDetection.Streaming;
using FraudLab.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudDetection.Tests.Streaming;

public sealed class SinkRetryTests(LocalStackFixture stack)
{
    private static readonly ProcessorOptions FastRetries = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public void A_failing_sink_is_retried_until_it_answers()
    {
        using var metrics = new ProcessorMetrics("retry-test");
        using var consumer = Consumer();
        var attempts = 0;

        new SinkRetry(FastRetries, metrics, NullLogger.Instance).Run(consumer, _ =>
        {
            if (++attempts < 4)
            {
                throw new IOException("connection refused");
            }
        }, TestContext.Current.CancellationToken);

        Assert.Equal(4, attempts);
        Assert.Equal(3, metrics.Snapshot().SinkRetries);
    }

    [Fact]
    public void Only_cancellation_ends_the_retries()
    {
        using var metrics = new ProcessorMetrics("retry-test");
        using var consumer = Consumer();
        using var stop = new CancellationTokenSource();
        var attempts = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => new SinkRetry(FastRetries, metrics, NullLogger.Instance).Run(consumer, _ =>
        {
            if (++attempts == 20)
            {
                stop.Cancel();
            }

            throw new IOException("still down");
        }, stop.Token));

        Assert.Equal(20, attempts);
    }

    private IConsumer<byte[]?, InputRecord> Consumer() =>
        new ConsumerBuilder<byte[]?, InputRecord>(stack.KafkaClients.ConsumerConfig("retry-test", LocalStackFixture.UniqueName("group")))
            .SetValueDeserializer(new InputDeserializer(new FraudDetection.Configuration.TopicsOptions()))
            .Build();
}
