using System.Collections.Concurrent;
using Confluent.Kafka;

namespace FraudLab.Broker.Tests.Conformance;

/// <summary>
/// A subscribed consumer polling on its own thread, committing each message after recording it
/// (so every committed offset was processed exactly once), until disposed (which leaves the group).
/// </summary>
public sealed class GroupMember : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private volatile int _assigned;

    public GroupMember(IConsumer<byte[]?, byte[]?> consumer, string topic, ConcurrentQueue<(int Partition, long Offset)> received)
    {
        _consumer = consumer;
        _consumer.Subscribe(topic);
        _thread = new Thread(() => Poll(received)) { IsBackground = true, Name = $"group member {consumer.Name}" };
        _thread.Start();
    }

    /// <summary>Partitions currently assigned (updated by the polling thread).</summary>
    public int AssignedPartitions => _assigned;

    public Exception? Failure { get; private set; }

    private void Poll(ConcurrentQueue<(int, long)> received)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                _assigned = _consumer.Assignment.Count;
                if (result is null || result.IsPartitionEOF) continue;
                received.Enqueue((result.Partition.Value, result.Offset.Value));
                _consumer.Commit(result);
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
