using System.Collections.Concurrent;
using Confluent.Kafka;

namespace FraudDetection.Streaming;

/// <summary>
/// Sends records without waiting for each one, then <see cref="WaitForAcknowledgements"/> blocks until the broker has
/// acknowledged everything sent so far. A record whose delivery failed is sent again and the wait reports the failure,
/// so the caller's retry policy decides how long to insist; no record is ever given up silently.
/// <para>
/// A record the broker refuses for good (too large, invalid) would fail the same way forever; with a
/// <c>deadLetterTopic</c> it goes there instead, with the reason and, when it does not fit, a truncated copy
/// (<see cref="RejectedRecord.Fit"/>), and <see cref="DeadLettered"/> counts it. Without one it is re-sent like any failure.
/// </para>
/// </summary>
public sealed class AcknowledgedProducer : IDisposable
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan NoTimeout = Timeout.InfiniteTimeSpan;

    /// <summary>What is left of a record refused even by the dead-letter topic: headers and a short prefix.</summary>
    private const int LastResortBytes = 64 * 1024;

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ConcurrentQueue<(string Topic, Message<byte[]?, byte[]?> Message, string Error)> _failed = new();
    private readonly ConcurrentQueue<(string Topic, Message<byte[]?, byte[]?> Message, string Error)> _refused = new();
    private readonly string? _deadLetterTopic;
    private long _deadLettered;

    public AcknowledgedProducer(KafkaClientFactory factory, string role, string? deadLetterTopic = null)
    {
        var config = factory.ProducerConfig(role);
        MaxMessageBytes = config.MessageMaxBytes ?? KafkaClientFactory.DefaultMaxMessageBytes;
        _deadLetterTopic = deadLetterTopic;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
    }

    public string Name => _producer.Name;

    /// <summary>The producer's <c>message.max.bytes</c>: the largest record it sends.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>Records the broker refused for good and that went to the dead-letter topic instead.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>How long <see cref="WaitForAcknowledgements"/> waits before reporting the broker as not answering (infinite by default).</summary>
    public TimeSpan AcknowledgementTimeout { get; init; } = NoTimeout;

    /// <summary>Queues <paramref name="message"/> for <paramref name="topic"/>; waits only when the local queue is full.</summary>
    public void Send(string topic, Message<byte[]?, byte[]?> message)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, report =>
                {
                    if (!report.Error.IsError)
                    {
                        return;
                    }

                    if (_deadLetterTopic is not null && IsPermanent(report.Error.Code))
                    {
                        _refused.Enqueue((topic, message, report.Error.Reason));
                    }
                    else
                    {
                        _failed.Enqueue((topic, message, report.Error.Reason));
                    }
                });
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure from librdkafka's queue: serve delivery reports until there is room again.
                _producer.Poll(QueueFullWait);
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> fitted under <see cref="MaxMessageBytes"/> (<see cref="RejectedRecord.Fit"/>);
    /// should the client still find it too large (its own framing), halves the room until it fits: for dead letters,
    /// which must never stop the sender.
    /// </summary>
    public void SendFitted(string topic, Message<byte[]?, byte[]?> message)
    {
        for (var room = MaxMessageBytes; ; room /= 2)
        {
            try
            {
                Send(topic, RejectedRecord.Fit(message, room));
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.MsgSizeTooLarge && room > LastResortBytes)
            {
            }
        }
    }

    /// <summary>Blocks until every record sent so far is acknowledged; throws <see cref="KafkaDeliveryException"/> after re-sending the ones that failed.</summary>
    public void WaitForAcknowledgements(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            while (_producer.Flush(FlushSlice) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (AcknowledgementTimeout != NoTimeout && System.Diagnostics.Stopwatch.GetElapsedTime(started) > AcknowledgementTimeout)
                {
                    throw new SinkTimeoutException($"Kafka did not acknowledge {_producer.Flush(TimeSpan.Zero)} record(s) within {AcknowledgementTimeout.TotalMilliseconds:0} ms");
                }
            }

            if (_refused.IsEmpty)
            {
                break;
            }

            while (_refused.TryDequeue(out var refused))
            {
                DeadLetter(refused.Topic, refused.Message, refused.Error);
            }
        }

        if (_failed.IsEmpty)
        {
            return;
        }

        var retried = new List<string>();
        while (_failed.TryDequeue(out var failed))
        {
            retried.Add($"{failed.Topic}: {failed.Error}");
            Send(failed.Topic, failed.Message);
        }

        throw new KafkaDeliveryException($"{retried.Count} record(s) not acknowledged, sent again ({retried.Distinct().First()})");
    }

    public void Dispose() => _producer.Dispose();

    /// <summary>Errors that sending the same record again cannot cure.</summary>
    private static bool IsPermanent(ErrorCode code) => code is ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize
        or ErrorCode.RecordListTooLarge or ErrorCode.InvalidRecord or ErrorCode.InvalidMsg;

    private void DeadLetter(string topic, Message<byte[]?, byte[]?> message, string error)
    {
        Interlocked.Increment(ref _deadLettered);
        if (topic == _deadLetterTopic)
        {
            // Refused even as a dead letter (a broker limit below ours): headers and a prefix still say what it was.
            SendFitted(topic, RejectedRecord.Fit(message, LastResortBytes));
            return;
        }

        var headers = new Headers { { RejectedRecord.ReasonHeader, System.Text.Encoding.UTF8.GetBytes($"{topic} refused the record: {error}") } };
        foreach (var header in message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        SendFitted(_deadLetterTopic!, new Message<byte[]?, byte[]?> { Key = message.Key, Value = message.Value, Headers = headers });
    }
}
