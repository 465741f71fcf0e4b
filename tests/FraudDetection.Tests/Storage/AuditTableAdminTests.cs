using Amazon.DynamoDBv2;
using FraudDetection.Configuration;
using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

public sealed class AuditTableAdminTests
{
    [Fact]
    public async Task Creates_the_table_with_the_workshop_keys_and_on_demand_billing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dynalite = await DynaliteServer.StartAsync();
        using var client = DynamoDbClientFactory.Create(dynalite.Options, KitMode.Local);
        var options = new AuditTableOptions();

        var status = await new AuditTableAdmin(client, options).EnsureTableAsync(ct);

        Assert.True(status.Created);
        var table = (await client.DescribeTableAsync(options.TableName, ct)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
        Assert.Equal(
            ["Account_Id:HASH", "Transaction_Id:RANGE"],
            table.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"));
        Assert.Equal(
            ["Account_Id:N", "Transaction_Id:S"],
            table.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType.Value}").Order());
    }

    [Fact]
    public async Task Is_idempotent_and_reports_that_dynalite_has_no_ttl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dynalite = await DynaliteServer.StartAsync();
        using var client = DynamoDbClientFactory.Create(dynalite.Options, KitMode.Local);
        var admin = new AuditTableAdmin(client, new AuditTableOptions { TableName = "audit_twice" });

        var first = await admin.EnsureTableAsync(ct);
        var second = await admin.EnsureTableAsync(ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.False(second.TtlEnabled);
        Assert.Contains("UpdateTimeToLive", second.Note, StringComparison.Ordinal);
        Assert.Contains("Expires_At", second.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_items_across_scan_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dynalite = await DynaliteServer.StartAsync();
        using var client = DynamoDbClientFactory.Create(dynalite.Options, KitMode.Local);
        var options = new AuditTableOptions();
        var admin = new AuditTableAdmin(client, options);
        await admin.EnsureTableAsync(ct);
        Assert.Equal(0, await admin.CountItemsAsync(ct));

        // Large reasons make the items big enough that a 1 MB scan page cannot hold them all.
        var padding = new string('x', 20_000);
        var items = Enumerable.Range(0, 120)
            .Select(i => AuditSamples.Item(i % 7, i) with { CustomerName = padding })
            .Select(item => item.ToAttributes(options.TtlAttribute))
            .ToList();
        await new AuditTableWriter(client, options).WriteBatchAsync(items, ct);

        Assert.Equal(120, await admin.CountItemsAsync(ct));
    }

    [Fact]
    public async Task Deleting_a_missing_table_is_not_an_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dynalite = await DynaliteServer.StartAsync();
        using var client = DynamoDbClientFactory.Create(dynalite.Options, KitMode.Local);
        var admin = new AuditTableAdmin(client, new AuditTableOptions());

        await admin.DeleteTableAsync(ct);
        await admin.EnsureTableAsync(ct);
        await admin.DeleteTableAsync(ct);

        Assert.Empty((await client.ListTablesAsync(cancellationToken: ct)).TableNames ?? []);
    }
}
