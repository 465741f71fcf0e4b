using Amazon.DynamoDBv2;
using FraudDetection.Configuration;
using FraudDetection.Model;
using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

public sealed class AuditTableWriterTests
{
    [Fact]
    public async Task A_batch_larger_than_25_items_is_written_completely()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var table = await AuditTable.StartAsync(ct);
        var items = Enumerable.Range(0, 61).Select(i => AuditSamples.Item(i % 5, i)).ToList();

        await table.Writer.WriteBatchAsync(items.Select(i => i.ToAttributes("Expires_At")).ToList(), ct);

        var stored = await table.Reader.ReadAllAsync(ct).ToListAsync(ct);
        Assert.Equal(items.Select(i => i.RecordId).Order(), stored.Select(i => i.RecordId).Order());
    }

    [Fact]
    public async Task Writing_the_same_items_again_never_duplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var table = await AuditTable.StartAsync(ct);
        var items = Enumerable.Range(0, 30).Select(i => AuditSamples.Item(3, i).ToAttributes("Expires_At")).ToList();

        await table.Writer.WriteBatchAsync(items, ct);
        await table.Writer.WriteBatchAsync(items, ct);
        // The same key twice in one request is something DynamoDB rejects; the writer keeps the later copy.
        await table.Writer.WriteBatchAsync([.. items, .. items], ct);

        Assert.Equal(30, await table.Admin.CountItemsAsync(ct));
    }

    [Fact]
    public async Task A_conditional_put_writes_once_and_reports_the_replay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var table = await AuditTable.StartAsync(ct);
        var first = AuditSamples.Item(9, 1, Verdict.Review);
        var replay = first with { Verdict = Verdict.Block, Score = 99 };

        Assert.True(await table.Writer.PutIfAbsentAsync(first.ToAttributes("Expires_At"), ct));
        Assert.False(await table.Writer.PutIfAbsentAsync(replay.ToAttributes("Expires_At"), ct));

        var stored = Assert.Single(await table.Reader.QueryByAccountAsync(9, ct).ToListAsync(ct));
        Assert.Equal(Verdict.Review, stored.Verdict);
    }

    [Fact]
    public async Task A_stopped_endpoint_fails_the_write_instead_of_losing_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var table = await AuditTable.StartAsync(ct);
        await table.Dynalite.StopAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => table.Writer.WriteBatchAsync([AuditSamples.Item(1, 1).ToAttributes("Expires_At")], ct));
    }
}
