using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using FraudDetection.Model;
using FraudDetection.Streaming;
using FraudDetection.Tests.Storage;
using FraudDetection.Tests.Streaming;
using FraudLab.Testing;

namespace FraudDetection.Tests.Integration;

/// <summary>
/// The processor's stages on the local stack: verdicts out before the audit write, per-record failures that never
/// stop the loop, a stalled audit sink seen and ridden out.
/// </summary>
public sealed class ProcessorPipelineTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Verdicts_reach_the_processed_topic_while_the_audit_write_is_held_and_offsets_wait_for_it()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 2000, seed: 53);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        bed.PublishTransactions(data.Transactions);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        var hooks = new ProcessorHooks
        {
            BeforeAuditWrite = async (_, ct) =>
            {
                Interlocked.Increment(ref held);
                await release.Task.WaitAsync(ct);
            },
        };

        using var processor = bed.NewProcessor("held", hooks);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = processor.RunAsync(stop.Token);
        try
        {
            // Verdicts are out although not one audit write has been allowed to start.
            var processed = await WaitForAsync(() => bed.ReadProcessed(), p => p.Count > 0);
            Assert.True(Volatile.Read(ref held) > 0);
            Assert.Empty(await bed.ReadAuditAsync());
            Assert.Equal(0, processor.Stats.AuditWrites);

            // The batches behind the held writes are not committed, however long we wait.
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            Assert.Contains(bed.Uncommitted(), p => p.Topic == bed.Topics.Transactions);
            var expected = ProcessorTestBed.Expected(data);
            Assert.All(ProcessorTestBed.Lines(processed), line => Assert.Contains(line, expected));

            release.SetResult();
            await bed.WaitUntilAllCommittedAsync(processor);
        }
        finally
        {
            release.TrySetResult();
            await stop.CancelAsync();
            await run;
        }

        Assert.Equal(ProcessorTestBed.Expected(data), ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        Assert.Equal(ProcessorTestBed.Expected(data), ProcessorTestBed.Lines(bed.ReadProcessed()));
    }

    [Fact]
    public async Task Twenty_oversized_records_go_to_dead_letters_truncated_with_size_and_hash_and_the_rest_is_processed()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 3000, seed: 61);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        var random = new Random(5);
        var oversized = Enumerable.Range(0, 20).Select(i =>
        {
            var value = new byte[1_100_000 + i];
            random.NextBytes(value);
            return (Key: AccountKey.Encode(5000 + i), Value: value);
        }).ToList();
        var third = data.Transactions.Count / 3;
        bed.PublishTransactions(data.Transactions.Take(third));
        PublishLarge(bed, oversized);
        bed.PublishTransactions(data.Transactions.Skip(third));

        using var processor = bed.NewProcessor("oversized");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = processor.RunAsync(stop.Token);
        var committed = bed.WaitUntilAllCommittedAsync(processor);
        await Task.WhenAny(run, committed);
        Assert.False(run.IsFaulted, $"the processor stopped: {run.Exception?.GetBaseException()}");
        await committed;
        await stop.CancelAsync();
        await run;

        var expected = ProcessorTestBed.Expected(data);
        Assert.Equal(expected, ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        Assert.Equal(expected, ProcessorTestBed.Lines(bed.ReadProcessed()));
        var dead = bed.ReadDeadLetters();
        Assert.Equal(20, dead.Count);
        Assert.Equal(20, processor.Stats.DeadLettered);
        var byHash = oversized.ToDictionary(o => Convert.ToHexStringLower(SHA256.HashData(o.Value)), o => o.Value);
        Assert.All(dead, d =>
        {
            var info = RejectedRecord.Read(d.Message.Headers);
            Assert.NotNull(info);
            Assert.False(string.IsNullOrWhiteSpace(info.Reason));
            Assert.Equal(bed.Topics.Transactions, info.Source.Topic);
            Assert.True(info.Source.Offset.Value >= 0);
            Assert.True(d.Message.Headers.TryGetLastBytes(RejectedRecord.OriginalSha256Header, out var hash));
            Assert.True(d.Message.Headers.TryGetLastBytes(RejectedRecord.OriginalSizeHeader, out var size));
            var original = byHash[Encoding.UTF8.GetString(hash)];
            Assert.Equal(original.Length, int.Parse(Encoding.UTF8.GetString(size), CultureInfo.InvariantCulture));
            Assert.True(d.Message.Value!.Length < original.Length);
            Assert.Equal(original.AsSpan(0, d.Message.Value.Length).ToArray(), d.Message.Value);
        });
    }

    [Fact]
    public async Task A_stalled_DynamoDb_is_logged_counted_and_ridden_out_without_loss()
    {
        await using var dynalite = await DynaliteServer.StartAsync(durable: true);
        var bed = ProcessorTestBed.Create(stack, dynalite.ServiceUrl);
        var data = ProcessorTestBed.Generate(transactions: 2000, seed: 67);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        var logger = new CapturingLogger();
        using var processor = bed.NewProcessor("stalled", tune: o => o.SinkTimeout = TimeSpan.FromMilliseconds(500), logger: logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = processor.RunAsync(stop.Token);
        await processor.Ready.WaitAsync(TestContext.Current.CancellationToken);

        await dynalite.StallAsync(stalled: true);
        long timeouts;
        try
        {
            bed.PublishTransactions(data.Transactions);
            await WaitForAsync(() => processor.Stats.SinkTimeouts, t => t > 0);
            timeouts = processor.Stats.SinkTimeouts;
        }
        finally
        {
            await dynalite.StallAsync(stalled: false);
        }

        await bed.WaitUntilAllCommittedAsync(processor);
        await stop.CancelAsync();
        await run;

        Assert.True(timeouts > 0);
        Assert.Contains(logger.Lines, line => line.Contains("did not acknowledge", StringComparison.Ordinal));
        var expected = ProcessorTestBed.Expected(data);
        Assert.Equal(expected, ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        Assert.Equal(expected, ProcessorTestBed.Lines(bed.ReadProcessed()));
    }

    [Fact]
    public async Task Audit_rebuild_rewrites_a_lost_table_from_the_processed_topic_idempotently()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 1500, seed: 71);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        bed.PublishTransactions(data.Transactions);
        using (var processor = bed.NewProcessor("before-loss"))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var run = processor.RunAsync(stop.Token);
            await bed.WaitUntilAllCommittedAsync(processor);
            await stop.CancelAsync();
            await run;
        }

        // The table "lost": a fresh one of another name, which the rebuild fills from Processed_topic (twice: no change).
        var settings = ProcessorSettings.From(bed.Configuration);
        var fresh = new FraudDetection.Configuration.AuditTableOptions { TableName = LocalStackFixture.UniqueName("rebuilt") };
        var rebuilt = settings with { AuditTable = fresh };
        var first = await new AuditRebuilder(rebuilt).RunAsync(TestContext.Current.CancellationToken);
        var second = await new AuditRebuilder(rebuilt).RunAsync(TestContext.Current.CancellationToken);

        var expected = ProcessorTestBed.Expected(data);
        Assert.Equal(expected.Count, first.Items);
        Assert.Equal(first, second);
        using var client = FraudDetection.Storage.DynamoDbClientFactory.Create(bed.Configuration.DynamoDb, FraudDetection.Configuration.KitMode.Local);
        var items = await new FraudDetection.Storage.AuditTableReader(client, fresh).ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(expected, ProcessorTestBed.Lines(items));
    }

    [Fact]
    public async Task A_processor_finding_its_table_empty_while_its_group_has_committed_offsets_says_so()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 500, seed: 73);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        bed.PublishTransactions(data.Transactions);
        using (var processor = bed.NewProcessor("first"))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var run = processor.RunAsync(stop.Token);
            await bed.WaitUntilAllCommittedAsync(processor);
            await stop.CancelAsync();
            await run;
        }

        using (var client = FraudDetection.Storage.DynamoDbClientFactory.Create(bed.Configuration.DynamoDb, FraudDetection.Configuration.KitMode.Local))
        {
            await client.DeleteTableAsync(bed.Configuration.AuditTable.TableName, TestContext.Current.CancellationToken);
        }

        var logger = new CapturingLogger();
        using var again = bed.NewProcessor("after-loss", logger: logger);
        using var stopAgain = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runAgain = again.RunAsync(stopAgain.Token);
        await again.Ready.WaitAsync(TestContext.Current.CancellationToken);
        await stopAgain.CancelAsync();
        await runAgain;

        Assert.Single(logger.Lines, line => line.Contains("is empty but group", StringComparison.Ordinal) && line.Contains("fraudlab audit rebuild", StringComparison.Ordinal));
    }

    /// <summary>Records above the kit's producers' limit, as a producer configured for larger ones would send them.</summary>
    private static void PublishLarge(ProcessorTestBed bed, IEnumerable<(byte[] Key, byte[] Value)> records)
    {
        var config = bed.Kafka.ProducerConfig("test-large");
        config.MessageMaxBytes = 4_000_000;
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        foreach (var (key, value) in records)
        {
            producer.Produce(bed.Topics.Transactions, new Message<byte[], byte[]> { Key = key, Value = value });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
