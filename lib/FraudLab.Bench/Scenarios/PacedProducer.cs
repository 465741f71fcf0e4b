using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using FraudDetection.Model;
using FraudDetection.Streaming;
using FraudLab.Bench.Measurement;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// Sends transactions at a fixed rate on its own thread. Every event's <c>Created_At</c> (and event time) is its
/// scheduled time, decided before the run, not the moment it was actually sent: when the producer or the machine
/// stalls, the delay is charged to every event it held back (no coordinated omission).
/// Templates come from the kit's generator and are reused in a cycle with fresh ids and times.
/// </summary>
public sealed class PacedProducer(KafkaClientFactory factory, string topic, Transaction[] templates)
{
    private long deliveryErrors;

    /// <summary>Deliveries the broker refused (reported, never retried silently).</summary>
    public long DeliveryErrors => Interlocked.Read(ref deliveryErrors);

    /// <summary>
    /// Sends <paramref name="count"/> events at <paramref name="rate"/> per second starting now; returns the wall
    /// time of event 0's schedule. Blocks the calling thread; call it from a dedicated one.
    /// </summary>
    public DateTimeOffset Send(long firstIndex, long count, double rate, CancellationToken cancellationToken, Action<DateTimeOffset>? onStart = null)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.ProducerConfig("bench-generator")).Build();
        var startTimestamp = Stopwatch.GetTimestamp();
        var wallStart = DateTimeOffset.UtcNow;
        onStart?.Invoke(wallStart);
        var schedule = new FixedRateSchedule(rate, startTimestamp, Stopwatch.Frequency);
        Action<DeliveryReport<byte[], byte[]>> onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref deliveryErrors);
            }
        };

        for (var i = 0L; i < count && !cancellationToken.IsCancellationRequested;)
        {
            var due = Math.Min(count, schedule.DueCount(Stopwatch.GetTimestamp()));
            for (; i < due; i++)
            {
                var created = wallStart + TimeSpan.FromSeconds((double)(schedule.DueTimestamp(i) - startTimestamp) / Stopwatch.Frequency);
                var transaction = Stamp(templates[(firstIndex + i) % templates.Length], firstIndex + i, created);
                ProduceWithBackpressure(producer, new Message<byte[], byte[]>
                {
                    Key = AccountKey.Encode(transaction.AccountId),
                    Value = FraudJson.Serialize(transaction),
                }, onDelivery);
            }

            if (i < count)
            {
                WaitUntil(schedule.DueTimestamp(i));
            }
        }

        producer.Flush(cancellationToken);
        return wallStart;

        void ProduceWithBackpressure(IProducer<byte[], byte[]> p, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> handler)
        {
            while (true)
            {
                try
                {
                    p.Produce(topic, message, handler);
                    return;
                }
                catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    p.Poll(TimeSpan.FromMilliseconds(1));
                }
            }
        }
    }

    /// <summary>A template with a fresh 16-hex-digit id and its scheduled time as both event time and creation time.</summary>
    public static Transaction Stamp(Transaction template, long index, DateTimeOffset created) => template with
    {
        TransactionId = index.ToString("x16", CultureInfo.InvariantCulture),
        TransactionDate = created,
        CreatedAt = created,
    };

    private static void WaitUntil(long timestamp)
    {
        var remaining = timestamp - Stopwatch.GetTimestamp();
        if (remaining > Stopwatch.Frequency / 1000)
        {
            Thread.Sleep(1);
        }
        else if (remaining > 0)
        {
            Thread.SpinWait(50);
        }
    }
}
