using System.Diagnostics;
using Confluent.Kafka;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// Reads a topic's backlog from the beginning of every partition with a plain consumer that does nothing with the
/// messages, and returns messages per second, timed from the first message so the connection set-up is excluded.
/// The broker's fetch benchmark and the processor's ceiling both use it.
/// </summary>
public static class BacklogReader
{
    public static double ReadRate(ConsumerConfig config, string topic, int partitions, int messages, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var seen = 0;
        var started = 0L;
        while (seen < messages && !cancellationToken.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(10))
                ?? throw new TimeoutException($"reading {topic}: saw {seen} of {messages} messages, then nothing for 10 s");
            if (result.Message is not null && seen++ == 0)
            {
                started = Stopwatch.GetTimestamp();
            }
        }

        return messages / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
