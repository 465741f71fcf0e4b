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
/// Templates come from the kit's generator and are reused in a cycle with fresh ids. Event times keep the generator's
/// spacing (shifted forward on every cycle), so the traffic stays as realistic as the generator made it (about 1%
/// fraud) at any send rate; only <c>Created_At</c> follows the wall clock.
/// </summary>
public sealed class PacedProducer
{
    private readonly KafkaClientFactory factory;
    private readonly string topic;
    private readonly Transaction[] templates;
    private readonly TimeSpan cycle;
    private long deliveryErrors;

    public PacedProducer(KafkaClientFactory factory, string topic, Transaction[] templates)
    {
        this.factory = factory;
        this.topic = topic;
        this.templates = templates;
        cycle = templates[^1].TransactionDate - templates[0].TransactionDate + TimeSpan.FromHours(1);
    }

    /// <summary>Deliveries the broker refused (reported, never retried silently).</summary>
    public long DeliveryErrors => Interlocked.Read(ref deliveryErrors);

    /// <summary>Sends <paramref name="count"/> events as fast as the producer takes them (filling a backlog).</summary>
    public void SendUnpaced(long firstIndex, long count, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.ProducerConfig("bench-generator")).Build();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0L; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            ProduceWithBackpressure(producer, Next(firstIndex + i, now));
        }

        producer.Flush(cancellationToken);
    }

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
        for (var i = 0L; i < count && !cancellationToken.IsCancellationRequested;)
        {
            var due = Math.Min(count, schedule.DueCount(Stopwatch.GetTimestamp()));
            for (; i < due; i++)
            {
                var created = wallStart + TimeSpan.FromSeconds((double)(schedule.DueTimestamp(i) - startTimestamp) / Stopwatch.Frequency);
                ProduceWithBackpressure(producer, Next(firstIndex + i, created));
            }

            if (i < count)
            {
                WaitUntil(schedule.DueTimestamp(i));
            }
        }

        producer.Flush(cancellationToken);
        return wallStart;
    }

    private void ProduceWithBackpressure(IProducer<byte[], byte[]> producer, Transaction transaction)
    {
        var message = new Message<byte[], byte[]> { Key = AccountKey.Encode(transaction.AccountId), Value = FraudJson.Serialize(transaction) };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, OnDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref deliveryErrors);
        }
    }

    /// <summary>A template with a fresh 16-hex-digit id, its event time shifted by <paramref name="eventTimeShift"/>, and a creation time.</summary>
    public static Transaction Stamp(Transaction template, long index, DateTimeOffset created, TimeSpan eventTimeShift) => template with
    {
        TransactionId = index.ToString("x16", CultureInfo.InvariantCulture),
        TransactionDate = template.TransactionDate + eventTimeShift,
        CreatedAt = created,
    };

    private Transaction Next(long index, DateTimeOffset created) =>
        Stamp(templates[index % templates.Length], index, created, cycle * (index / templates.Length));

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
