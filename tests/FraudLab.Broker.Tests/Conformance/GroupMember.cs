using System.Collections.Concurrent;
using Confluent.Kafka;

namespace FraudLab.Broker.Tests.Conformance;

/// <summary>
/// A subscribed consumer polling on its own thread, committing each message after recording it
/// (so every committed offset was processed exactly once), until disposed (which leaves the group).
/// A failed commit stops it, unless <c>committed</c> is given: then failed commits are expected (the broker
/// restarts) and only the successful ones are recorded there.
/// </summary>
public sealed class GroupMember : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private volatile int _assigned;

    public GroupMember(IConsumer<byte[]?, byte[]?> consumer, string topic, ConcurrentQueue<(int Partition, long Offset)> received,
        ConcurrentQueue<(int Partition, long Offset)>? committed = null)
    {
        _consumer = consumer;
        _consumer.Subscribe(topic);
        _thread = new Thread(() => Poll(received, committed)) { IsBackground = true, Name = $"group member {consumer.Name}" };
        _thread.Start();
    }

    /// <summary>Partitions currently assigned (updated by the polling thread).</summary>
    public int AssignedPartitions => _assigned;

    public Exception? Failure { get; private set; }

    private void Poll(ConcurrentQueue<(int, long)> received, ConcurrentQueue<(int, long)>? committed)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                _assigned = _consumer.Assignment.Count;
                if (result is null || result.IsPartitionEOF) continue;
                received.Enqueue((result.Partition.Value, result.Offset.Value));
                try
                {
                    _consumer.Commit(result);
                    committed?.Enqueue((result.Partition.Value, result.Offset.Value));
                }
                catch (KafkaException) when (committed is not null)
                {
                    // Not committed: the message may come again after the restart, which is allowed.
                }
            }
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
