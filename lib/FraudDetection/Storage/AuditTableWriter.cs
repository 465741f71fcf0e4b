using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FraudDetection.Configuration;

namespace FraudDetection.Storage;

/// <summary>
/// Writes audit items so that a replay never duplicates one. Two ways, both idempotent:
/// <list type="bullet">
/// <item><see cref="WriteBatchAsync"/>: BatchWriteItem, 25 items per request, unprocessed items retried with backoff.
/// A batch write cannot be conditional, but an item is keyed by (Account_Id, Transaction_Id) and its content is a
/// function of the transaction and its verdict, so writing it again replaces it with the same item: the count never
/// grows. Only the bookkeeping attributes (processed time, expiry) move forward on a replay.</item>
/// <item><see cref="PutIfAbsentAsync"/>: a conditional PutItem (<c>attribute_not_exists</c>): the first write wins
/// and a replay is reported as already present. One request per item: slower, but the stored item never changes.</item>
/// </list>
/// Failures other than throttling of single items are thrown to the caller, whose retry policy decides (the
/// processor pauses its consumer and backs off; nothing is dropped).
/// </summary>
public sealed class AuditTableWriter(IAmazonDynamoDB client, AuditTableOptions options)
{
    /// <summary>DynamoDB's limit of items per BatchWriteItem request.</summary>
    public const int MaxBatchSize = 25;

    private const int MaxUnprocessedRounds = 10;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(20);

    public string TableName => options.TableName;

    /// <summary>Writes every item; returns when DynamoDB has acknowledged all of them.</summary>
    public async Task WriteBatchAsync(IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken = default)
    {
        // One request may not name the same key twice; the later copy of a key wins (it is the same item anyway).
        var distinct = DistinctByKey(items);
        for (var start = 0; start < distinct.Count; start += MaxBatchSize)
        {
            var chunk = distinct.GetRange(start, Math.Min(MaxBatchSize, distinct.Count - start));
            await WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts <paramref name="item"/> unless an item with its key exists; true when this call wrote it.</summary>
    public async Task<bool> PutIfAbsentAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#account)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#account"] = AuditAttributes.AccountId },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task WriteChunkAsync(List<Dictionary<string, AttributeValue>> chunk, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [options.TableName] = chunk.Select(item => new WriteRequest(new PutRequest(item))).ToList(),
        };
        var backoff = FirstBackoff;
        for (var round = 1; ; round++)
        {
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest(pending), cancellationToken).ConfigureAwait(false);
            if (response.UnprocessedItems is not { Count: > 0 } unprocessed || unprocessed.Values.All(list => list.Count == 0))
            {
                return;
            }

            if (round == MaxUnprocessedRounds)
            {
                var left = unprocessed.Values.Sum(list => list.Count);
                throw new AuditWriteException($"{left} audit item(s) still unprocessed by {options.TableName} after {round} BatchWriteItem rounds (throttled)");
            }

            pending = unprocessed;
            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    private static List<Dictionary<string, AttributeValue>> DistinctByKey(IReadOnlyList<Dictionary<string, AttributeValue>> items)
    {
        var byKey = new Dictionary<(string Account, string Transaction), int>(items.Count);
        var result = new List<Dictionary<string, AttributeValue>>(items.Count);
        foreach (var item in items)
        {
            var key = (item[AuditAttributes.AccountId].N, item[AuditAttributes.TransactionId].S);
            if (byKey.TryGetValue(key, out var index))
            {
                result[index] = item;
            }
            else
            {
                byKey[key] = result.Count;
                result.Add(item);
            }
        }

        return result;
    }
}
