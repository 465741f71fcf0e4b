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
    public IAsyncEnumerable<AuditItem> QueryByAccountAsync(long accountId, CancellationToken cancellationToken = default) =>
        PagesAsync(
            async (startKey, ct) =>
            {
                var response = await client.QueryAsync(
                    new QueryRequest
                    {
                        TableName = options.TableName,
                        KeyConditionExpression = "#account = :account",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#account"] = AuditAttributes.AccountId },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":account"] = new() { N = accountId.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                        ConsistentRead = true,
                        ExclusiveStartKey = startKey,
                    },
                    ct).ConfigureAwait(false);
                return (response.Items, response.LastEvaluatedKey);
            },
            cancellationToken);

    /// <summary>Items whose event time is in [<paramref name="from"/>, <paramref name="to"/>), in no particular order.</summary>
    public IAsyncEnumerable<AuditItem> QueryByEventTimeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ScanAsync(
            "#time >= :from AND #time < :to",
            new Dictionary<string, string> { ["#time"] = AuditAttributes.EventTime },
            new Dictionary<string, AttributeValue> { [":from"] = new() { S = AuditItem.FormatTime(from) }, [":to"] = new() { S = AuditItem.FormatTime(to) } },
            cancellationToken);

    /// <summary>Every item (tests, notebooks on a small table).</summary>
    public IAsyncEnumerable<AuditItem> ReadAllAsync(CancellationToken cancellationToken = default) => ScanAsync(null, null, null, cancellationToken);

    private IAsyncEnumerable<AuditItem> ScanAsync(
        string? filter,
        Dictionary<string, string>? names,
        Dictionary<string, AttributeValue>? values,
        CancellationToken cancellationToken) =>
        PagesAsync(
            async (startKey, ct) =>
            {
                var response = await client.ScanAsync(
                    new ScanRequest
                    {
                        TableName = options.TableName,
                        FilterExpression = filter,
                        ExpressionAttributeNames = names,
                        ExpressionAttributeValues = values,
                        ConsistentRead = true,
                        ExclusiveStartKey = startKey,
                    },
                    ct).ConfigureAwait(false);
                return (response.Items, response.LastEvaluatedKey);
            },
            cancellationToken);

    /// <summary>Follows DynamoDB's pagination (LastEvaluatedKey) for a Query or a Scan, yielding items as pages arrive.</summary>
    private async IAsyncEnumerable<AuditItem> PagesAsync(
        Func<Dictionary<string, AttributeValue>?, CancellationToken, Task<(List<Dictionary<string, AttributeValue>>? Items, Dictionary<string, AttributeValue>? LastKey)>> page,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var (items, lastKey) = await page(start, cancellationToken).ConfigureAwait(false);
            foreach (var item in items ?? [])
            {
                yield return AuditItem.FromAttributes(item, options.TtlAttribute);
            }

            start = lastKey is { Count: > 0 } ? lastKey : null;
        }
        while (start is not null);
    }
}
