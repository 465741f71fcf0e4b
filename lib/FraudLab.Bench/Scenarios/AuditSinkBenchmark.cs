using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using FraudDetection.Detection;
using FraudDetection.Model;
using FraudDetection.Storage;
using FraudDetection.Streaming;

namespace FraudLab.Bench.Scenarios;

/// <summary>
/// Audit items per second written to the local DynamoDB through the processor's own sink: batches of 25
/// (BatchWriteItem) sent in parallel up to <see cref="ProcessorOptions.AuditConcurrency"/>, unprocessed items retried.
/// </summary>
public static class AuditSinkBenchmark
{
    public static async Task<double> RunAsync(BenchStack stack, Transaction[] templates, int items, CancellationToken cancellationToken)
    {
        var settings = ProcessorSettings.From(stack.ConfigurationFor("sink"));
        using var client = DynamoDbClientFactory.Create(settings.DynamoDb, settings.Mode);
        await new AuditTableAdmin(client, settings.AuditTable).EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var sink = new AuditSink(new AuditTableWriter(client, settings.AuditTable), settings.Processor);

        var now = DateTimeOffset.UtcNow;
        var ttl = TimeSpan.FromHours(settings.AuditTable.TtlHours);
        var batch = new List<Dictionary<string, AttributeValue>>(items);
        for (var i = 0; i < items; i++)
        {
            var transaction = PacedProducer.Stamp(templates[i % templates.Length], 1_000_000_000L + i, now, TimeSpan.Zero);
            var decision = new Decision
            {
                Transaction = transaction,
                Verdict = Verdict.Review,
                Score = 60,
                Reasons = [new Reason { RuleId = "bench", Description = "benchmark item", Observed = 1, Threshold = 1 }],
                ProcessedTime = now,
            };
            batch.Add(AuditItem.From(ProcessedTransaction.From(decision), now, ttl).ToAttributes(settings.AuditTable.TtlAttribute));
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var microBatch in batch.Chunk(settings.Processor.MaxBatchSize))
        {
            await sink.WriteAsync(microBatch, cancellationToken).ConfigureAwait(false);
        }

        return items / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
