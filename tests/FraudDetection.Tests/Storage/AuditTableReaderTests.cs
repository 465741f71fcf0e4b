using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

public sealed class AuditTableReaderTests
{
    [Fact]
    public async Task Query_by_account_returns_only_that_accounts_items_in_transaction_id_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var table = await AuditTable.StartAsync(ct);
        var items = Enumerable.Range(0, 40).Select(i => AuditSamples.Item(100 + (i % 4), i)).ToList();
        await table.Writer.WriteBatchAsync(items.Select(i => i.ToAttributes("Expires_At")).ToList(), ct);

        var account = await table.Reader.QueryByAccountAsync(101, ct).ToListAsync(ct);

        Assert.Equal(10, account.Count);
        Assert.All(account, item => Assert.Equal(101, item.AccountId));
        Assert.Equal(account.Select(i => i.TransactionId).Order(StringComparer.Ordinal), account.Select(i => i.TransactionId));
        Assert.Equivalent(items.Where(i => i.AccountId == 101).ToList(), account, strict: true);
    }

    [Fact]
    public async Task Query_by_event_time_is_inclusive_at_the_start_and_exclusive_at_the_end()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var table = await AuditTable.StartAsync(ct);
        var items = Enumerable.Range(0, 20).Select(i => AuditSamples.Item(7, i)).ToList(); // one second apart
        await table.Writer.WriteBatchAsync(items.Select(i => i.ToAttributes("Expires_At")).ToList(), ct);

        var found = await table.Reader.QueryByEventTimeAsync(AuditSamples.Start.AddSeconds(5), AuditSamples.Start.AddSeconds(10), ct).ToListAsync(ct);

        Assert.Equal(
            Enumerable.Range(5, 5).Select(i => AuditSamples.Start.AddSeconds(i)),
            found.Select(i => i.EventTime).Order());
    }
}
