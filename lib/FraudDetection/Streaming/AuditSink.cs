using Amazon.DynamoDBv2.Model;
using FraudDetection.Storage;

namespace FraudDetection.Streaming;

/// <summary>
/// The processor's DynamoDB side: writes one micro-batch of audit items, in parallel requests, the way
/// <see cref="ProcessorOptions.AuditWrites"/> says. Idempotent either way, so a retried or replayed batch is safe.
/// </summary>
public sealed class AuditSink(AuditTableWriter writer, ProcessorOptions options)
{
    /// <summary>Returns when DynamoDB has acknowledged every item; throws on the first failure (the caller retries the whole batch).</summary>
    public async Task WriteAsync(IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        // A stalled table (a paused process, a hung connection) answers nothing: past SinkTimeout the write is a failure.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.SinkTimeout);
        try
        {
            await WriteWithinAsync(items, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SinkTimeoutException($"DynamoDB did not acknowledge {items.Count} audit item(s) within {options.SinkTimeout.TotalMilliseconds:0} ms");
        }
    }

    private async Task WriteWithinAsync(IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.AuditConcurrency, CancellationToken = cancellationToken };
        if (options.UsesConditionalWrites)
        {
            // attribute_not_exists: a replayed item is refused by DynamoDB, which is exactly what we want.
            await Parallel.ForEachAsync(items, parallel, async (item, ct) => await writer.PutIfAbsentAsync(item, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        var chunks = items.Chunk(AuditTableWriter.MaxBatchSize);
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, ct) => await writer.WriteBatchAsync(chunk, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
