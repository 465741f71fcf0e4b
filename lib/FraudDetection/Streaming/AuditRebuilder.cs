using FraudDetection.Configuration;
using FraudDetection.Model;
using FraudDetection.Storage;

namespace FraudDetection.Streaming;

/// <summary>
/// Rewrites the audit table from <c>Processed_topic</c>, the durable record of every flagged verdict: each record
/// becomes its audit item again (processed time = the record's Kafka timestamp, when the processor produced it).
/// Idempotent: items are keyed by (Account_Id, Transaction_Id) and a replayed record is the same item, so running it
/// twice, or over a table that still holds some items, changes no count (<c>fraudlab audit rebuild</c>).
/// </summary>
public sealed class AuditRebuilder(ProcessorSettings settings)
{
    private const int RebuildSlice = 500;

    /// <summary>Reads the processed topic up to its current end and writes every record's item; returns the counts.</summary>
    public async Task<AuditRebuildSummary> RunAsync(CancellationToken cancellationToken)
    {
        using var dynamo = DynamoDbClientFactory.Create(settings.DynamoDb, settings.Mode);
        await new AuditTableAdmin(dynamo, settings.AuditTable).EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var writer = new AuditTableWriter(dynamo, settings.AuditTable);
        var timeToLive = TimeSpan.FromHours(settings.AuditTable.TtlHours);
        var records = TopicSnapshot.Read(new KafkaClientFactory(settings.Kafka), settings.Topics.Processed, cancellationToken);
        var items = new List<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>>(records.Count);
        var unreadable = 0;
        foreach (var record in records)
        {
            try
            {
                var output = FraudJson.Deserialize<ProcessedTransaction>(record.Message.Value);
                var produced = record.Message.Timestamp.Type == Confluent.Kafka.TimestampType.NotAvailable
                    ? DateTimeOffset.UtcNow
                    : new DateTimeOffset(record.Message.Timestamp.UtcDateTime, TimeSpan.Zero);
                items.Add(AuditItem.From(output, produced, timeToLive).ToAttributes(settings.AuditTable.TtlAttribute));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                unreadable++;
            }
        }

        // Slices, so that each write stays within the sink timeout however long the topic is.
        var sink = new AuditSink(writer, settings.Processor);
        foreach (var slice in items.Chunk(RebuildSlice))
        {
            await sink.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
        }

        var distinct = items.Select(i => (i[AuditAttributes.AccountId].N, i[AuditAttributes.TransactionId].S)).Distinct().Count();
        return new AuditRebuildSummary(records.Count, distinct, unreadable);
    }
}

/// <summary>What a rebuild read and wrote: records on the processed topic, distinct audit items written, records that did not parse.</summary>
public sealed record AuditRebuildSummary(int Records, int Items, int Unreadable);
