using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FraudLab.Testing;

namespace FraudDetection.Tests.Integration;

/// <summary>AWSSDK.DynamoDBv2 against the local stack's dynalite over HTTP: create a table, put, query, batch-write.</summary>
public sealed class DynamoDbRoundTripTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Create_put_get_and_query_by_partition_key()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = stack.CreateDynamoDbClient();
        var table = await CreateAuditShapedTableAsync(client);

        await client.PutItemAsync(table, Item(1000000001, "a1", 12.50m), cancellationToken);
        await client.PutItemAsync(table, Item(1000000001, "a2", 7000m), cancellationToken);
        await client.PutItemAsync(table, Item(1000000002, "b1", 3m), cancellationToken);

        var got = await client.GetItemAsync(table, Key(1000000001, "a2"), consistentRead: true, cancellationToken);
        Assert.Equal("7000", got.Item["Transaction_Amount"].N);

        var query = await client.QueryAsync(
            new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "Account_Id = :account",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":account"] = new() { N = "1000000001" } },
                ConsistentRead = true,
            },
            cancellationToken);
        Assert.Equal(["a1", "a2"], query.Items.Select(item => item["Transaction_Id"].S));
    }

    [Fact]
    public async Task Batch_write_stores_every_item_across_requests()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = stack.CreateDynamoDbClient();
        var table = await CreateAuditShapedTableAsync(client);
        var items = Enumerable.Range(0, 60).Select(i => Item(1000000001 + (i % 3), $"t{i:D3}", i)).ToList();

        // BatchWriteItem takes at most 25 items; unprocessed ones are sent again until none remain.
        foreach (var chunk in items.Chunk(25))
        {
            var pending = new Dictionary<string, List<WriteRequest>>
            {
                [table] = chunk.Select(item => new WriteRequest(new PutRequest(item))).ToList(),
            };
            while (pending.Count > 0)
            {
                var response = await client.BatchWriteItemAsync(pending, cancellationToken);
                pending = response.UnprocessedItems?.Where(kv => kv.Value.Count > 0).ToDictionary() ?? [];
            }
        }

        foreach (var account in new long[] { 1000000001, 1000000002, 1000000003 })
        {
            var query = await client.QueryAsync(
                new QueryRequest
                {
                    TableName = table,
                    KeyConditionExpression = "Account_Id = :account",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":account"] = new() { N = account.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                    ConsistentRead = true,
                },
                cancellationToken);
            Assert.Equal(20, query.Count);
        }
    }

    private static Dictionary<string, AttributeValue> Key(long account, string transaction) => new()
    {
        ["Account_Id"] = new() { N = account.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["Transaction_Id"] = new() { S = transaction },
    };

    private static Dictionary<string, AttributeValue> Item(long account, string transaction, decimal amount) => new(Key(account, transaction))
    {
        ["Transaction_Amount"] = new() { N = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>A new table shaped like the audit table (Account_Id N, Transaction_Id S), waited on until ACTIVE.</summary>
    private static async Task<string> CreateAuditShapedTableAsync(IAmazonDynamoDB client)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var name = LocalStackFixture.UniqueName("table");
        await client.CreateTableAsync(
            new CreateTableRequest
            {
                TableName = name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("Account_Id", ScalarAttributeType.N), new("Transaction_Id", ScalarAttributeType.S)],
                KeySchema = [new("Account_Id", KeyType.HASH), new("Transaction_Id", KeyType.RANGE)],
            },
            cancellationToken);
        while ((await client.DescribeTableAsync(name, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50, cancellationToken);
        }

        return name;
    }
}
