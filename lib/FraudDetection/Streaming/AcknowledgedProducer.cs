using System.Collections.Concurrent;
using Confluent.Kafka;

namespace FraudDetection.Streaming;

/// <summary>
/// Sends records without waiting for each one, then <see cref="WaitForAcknowledgements"/> blocks until the broker has
/// acknowledged everything sent so far. A record whose delivery failed is sent again and the wait reports the failure,
/// so the caller's retry policy decides how long to insist; no record is ever given up silently.
/// </summary>
public sealed class AcknowledgedProducer : IDisposable
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(100);
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ConcurrentQueue<(string Topic, Message<byte[]?, byte[]?> Message, string Error)> _failed = new();

    public AcknowledgedProducer(KafkaClientFactory factory, string role)
    {
        _producer = new ProducerBuilder<byte[]?, byte[]?>(factory.ProducerConfig(role)).Build();
    }

    public string Name => _producer.Name;

    /// <summary>Queues <paramref name="message"/> for <paramref name="topic"/>; waits only when the local queue is full.</summary>
    public void Send(string topic, Message<byte[]?, byte[]?> message)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, report =>
                {
                    if (report.Error.IsError)
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

    /// <summary>Blocks until every record sent so far is acknowledged; throws <see cref="KafkaDeliveryException"/> after re-sending the ones that failed.</summary>
    public void WaitForAcknowledgements(CancellationToken cancellationToken)
    {
        while (_producer.Flush(FlushSlice) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
}
