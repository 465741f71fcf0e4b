using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FraudDetection.Configuration;

namespace FraudDetection.Storage;

/// <summary>
/// Reads audit items back: by account (a Query on the partition key, in Transaction_Id order) and by event time
/// (a Scan with a filter on the ISO-8601 Event_Time; fine at workshop scale, a GSI would serve production volumes).
/// Strongly consistent reads, so a test sees what the processor just wrote.
/// </summary>
public sealed class AuditTableReader(IAmazonDynamoDB client, AuditTableOptions options)
{
    public async IAsyncEnumerable<AuditItem> QueryByAccountAsync(long accountId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.QueryAsync(
                new QueryRequest
                {
                    TableName = options.TableName,
                    KeyConditionExpression = "#account = :account",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#account"] = AuditAttributes.AccountId },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":account"] = new() { N = accountId.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                    ConsistentRead = true,
                    ExclusiveStartKey = start,
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                yield return AuditItem.FromAttributes(item, options.TtlAttribute);
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    /// <summary>Items whose event time is in [<paramref name="from"/>, <paramref name="to"/>), in no particular order.</summary>
    public IAsyncEnumerable<AuditItem> QueryByEventTimeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ScanAsync(
            "#time >= :from AND #time < :to",
            new Dictionary<string, string> { ["#time"] = AuditAttributes.EventTime },
            new Dictionary<string, AttributeValue> { [":from"] = new() { S = AuditItem.FormatTime(from) }, [":to"] = new() { S = AuditItem.FormatTime(to) } },
            cancellationToken);

    /// <summary>Every item (tests, notebooks on a small table).</summary>
    public IAsyncEnumerable<AuditItem> ReadAllAsync(CancellationToken cancellationToken = default) => ScanAsync(null, null, null, cancellationToken);

    private async IAsyncEnumerable<AuditItem> ScanAsync(
        string? filter,
        Dictionary<string, string>? names,
        Dictionary<string, AttributeValue>? values,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(
                new ScanRequest
                {
                    TableName = options.TableName,
                    FilterExpression = filter,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ConsistentRead = true,
                    ExclusiveStartKey = start,
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                yield return AuditItem.FromAttributes(item, options.TtlAttribute);
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }
}
