using FraudLab.Broker.Log;
using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// Fetch v0-11 without fetch sessions. Long-polls up to max wait but answers the moment any requested
/// partition receives data (each log signals its appends), so consumers see new records within
/// microseconds even with fetch.wait.max.ms 500. Stored batches go out by reference, whole,
/// at least one per partition even when larger than the partition limit. isolation_level read_committed (v4+)
/// reads only below each partition's last stable offset and lists the aborted transactions among what it returns;
/// control batches (transaction markers) go out as stored, for clients to skip.
/// </summary>
internal sealed class FetchApi(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.Fetch;

    public short MaxVersion => 11;

    private readonly record struct PartitionFetch(int Index, long Offset, int MaxBytes, PartitionLog? Log);

    private sealed record TopicFetch(string Name, List<PartitionFetch> Partitions);

    public async ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var (maxWaitMs, maxBytes, readCommitted, topics) = Parse(request);
        if (maxWaitMs > 0 && !AnyReady(topics, readCommitted)) await WaitForDataAsync(topics, maxWaitMs, readCommitted, ct);
        Write(request.Version, maxBytes, readCommitted, topics, response);
    }

    private (int MaxWaitMs, int MaxBytes, bool ReadCommitted, List<TopicFetch> Topics) Parse(Request request)
    {
        var version = request.Version;
        var reader = request.Reader();
        reader.ReadInt32(); // replica id
        var maxWaitMs = reader.ReadInt32();
        reader.ReadInt32(); // min bytes: any data at all answers (clients default to 1)
        var maxBytes = version >= 3 ? reader.ReadInt32() : int.MaxValue;
        var readCommitted = version >= 4 && reader.ReadInt8() == 1;
        if (version >= 7) { reader.ReadInt32(); reader.ReadInt32(); } // session id and epoch: sessions are not offered
        var topicCount = reader.ReadArrayCount();
        var topics = new List<TopicFetch>(topicCount);
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            broker.Topics.TryGet(name, out var topic);
            var partitionCount = reader.ReadArrayCount();
            var partitions = new List<PartitionFetch>(partitionCount);
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                if (version >= 9) reader.ReadInt32(); // current leader epoch
                var offset = reader.ReadInt64();
                if (version >= 5) reader.ReadInt64(); // follower log start offset
                partitions.Add(new PartitionFetch(index, offset, reader.ReadInt32(), topic?.Partition(index)));
            }
            topics.Add(new TopicFetch(name, partitions));
        }
        return (maxWaitMs, maxBytes, readCommitted, topics);
    }

    /// <summary>True when an answer is due now: data past a fetch offset, or an error to report.</summary>
    private static bool AnyReady(List<TopicFetch> topics, bool readCommitted)
    {
        foreach (var topic in topics)
            foreach (var p in topic.Partitions)
            {
                if (p.Log is null || p.Offset < p.Log.LogStartOffset || p.Offset > p.Log.HighWatermark) return true;
                if (p.Offset < (readCommitted ? p.Log.LastStableOffset : p.Log.HighWatermark)) return true;
            }
        return false;
    }

    /// <summary>Until data is readable or max wait passes. Read committed waits again when what arrived is still in an open transaction.</summary>
    private static async Task WaitForDataAsync(List<TopicFetch> topics, int maxWaitMs, bool readCommitted, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = Task.Delay(maxWaitMs, timeout.Token);
        do
        {
            var waits = new List<Task> { deadline };
            foreach (var topic in topics)
                foreach (var p in topic.Partitions)
                    waits.Add(p.Log!.WaitForDataAsync(p.Offset, readCommitted));
            await Task.WhenAny(waits).ConfigureAwait(false);
        }
        while (!deadline.IsCompleted && !ct.IsCancellationRequested && !AnyReady(topics, readCommitted));
        await timeout.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private static void Write(short version, int maxBytes, bool readCommitted, List<TopicFetch> topics, ResponseWriter response)
    {
        if (version >= 1) response.WriteInt32(0);
        if (version >= 7) { response.WriteInt16(ErrorCode.None); response.WriteInt32(0); }
        response.WriteArrayCount(topics.Count);
        // max bytes bounds the response, except that the first batch found always goes out (KIP-74).
        var budget = maxBytes;
        var sentAny = false;
        foreach (var topic in topics)
        {
            response.WriteString(topic.Name);
            response.WriteArrayCount(topic.Partitions.Count);
            foreach (var p in topic.Partitions)
            {
                var data = p.Log is null
                    ? new FetchData(ErrorCode.UnknownTopicOrPartition, default, null, -1, -1)
                    : budget > 0 || !sentAny
                        ? p.Log.Read(p.Offset, Math.Min(p.MaxBytes, budget), readCommitted)
                        : new FetchData(ErrorCode.None, default, null, p.Log.HighWatermark, p.Log.LogStartOffset, p.Log.LastStableOffset);
                if (data.Pooled is not null) response.Own(data.Pooled);
                budget -= data.Bytes.Length;
                sentAny |= data.Bytes.Length > 0;
                response.WriteInt32(p.Index);
                response.WriteInt16(data.ErrorCode);
                response.WriteInt64(data.HighWatermark);
                if (version >= 4) response.WriteInt64(data.LastStableOffset);
                if (version >= 5) response.WriteInt64(data.LogStartOffset);
                if (version >= 4)
                {
                    var aborted = data.AbortedTransactions ?? [];
                    response.WriteArrayCount(aborted.Count);
                    foreach (var a in aborted)
                    {
                        response.WriteInt64(a.ProducerId);
                        response.WriteInt64(a.FirstOffset);
                    }
                }
                if (version >= 11) response.WriteInt32(-1); // preferred read replica
                response.WriteRecords(data.Bytes);
            }
        }
    }
}
