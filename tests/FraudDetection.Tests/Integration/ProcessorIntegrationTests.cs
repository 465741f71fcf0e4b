using System.Text;
using FraudDetection.Generation;
using FraudDetection.Model;
using FraudDetection.Streaming;
using FraudDetection.Tests.Storage;
using FraudDetection.Tests.Streaming;
using FraudLab.Testing;

namespace FraudDetection.Tests.Integration;

/// <summary>
/// The processor end to end on the local stack (the kit's broker in-process, dynalite): generated, labelled data in;
/// Processed_topic, Fraud_alerts, Dead_letters and the audit table compared with the labels.
/// </summary>
public sealed class ProcessorIntegrationTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Generate_then_process_matches_the_labels_exactly()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 2000);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        bed.PublishTransactions(data.Transactions);

        using var processor = bed.NewProcessor("one");
        await RunUntilCommittedAsync(bed, processor);

        var expected = ProcessorTestBed.Expected(data);
        Assert.NotEmpty(expected);
        var audit = await bed.ReadAuditAsync();
        Assert.Equal(expected, ProcessorTestBed.Lines(audit));
        var processed = bed.ReadProcessed();
        Assert.Equal(expected, ProcessorTestBed.Lines(processed));
        Assert.Equal(
            processed.Where(p => p.Verdict == Verdict.Block).Select(p => p.RecordId).Order(),
            bed.ReadAlerts().Select(a => a.RecordId).Order());
        Assert.Empty(bed.ReadDeadLetters());
        Assert.All(audit, item => Assert.Equal(item.ProcessedTime.AddHours(24).ToUnixTimeSeconds(), item.ExpiresAt, tolerance: 5));
        Assert.Equal(data.Transactions.Count + data.Flags.Count, processor.Stats.EventsIn);
    }

    [Fact]
    public async Task One_percent_poison_goes_to_dead_letters_and_everything_valid_is_processed()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 2000, seed: 11);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        var poison = Poison(20).ToList();
        bed.PublishRaw(bed.Topics.FlaggedAccounts, [(AccountKey.Encode(1), Encoding.UTF8.GetBytes("{\"Account_Id\":1}"))]);
        var halfway = data.Transactions.Count / 2;
        bed.PublishTransactions(data.Transactions.Take(halfway));
        bed.PublishRaw(bed.Topics.Transactions, poison);
        bed.PublishTransactions(data.Transactions.Skip(halfway));

        using var processor = bed.NewProcessor("poisoned");
        await RunUntilCommittedAsync(bed, processor);

        Assert.Equal(ProcessorTestBed.Expected(data), ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        var dead = bed.ReadDeadLetters();
        Assert.Equal(poison.Count + 1, dead.Count);
        Assert.Equal(
            poison.Select(p => Convert.ToHexString(p.Value ?? [])).Append(Convert.ToHexString(Encoding.UTF8.GetBytes("{\"Account_Id\":1}"))).Order(),
            dead.Select(d => Convert.ToHexString(d.Message.Value ?? [])).Order());
        Assert.All(dead, d =>
        {
            var info = RejectedRecord.Read(d.Message.Headers);
            Assert.NotNull(info);
            Assert.False(string.IsNullOrWhiteSpace(info.Reason));
            Assert.Contains(info.Source.Topic, new[] { bed.Topics.Transactions, bed.Topics.FlaggedAccounts });
            Assert.True(info.Source.Offset.Value >= 0);
        });
        Assert.Contains(dead, d => RejectedRecord.Read(d.Message.Headers)!.Reason.Contains("Flag_Date", StringComparison.Ordinal));
        Assert.Equal(poison.Count + 1, processor.Stats.DeadLettered);
    }

    [Fact]
    public async Task A_processor_killed_mid_stream_is_replaced_without_loss_or_duplicates()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 6000, seed: 23);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        bed.PublishTransactions(data.Transactions);

        // The first instance is stopped abruptly as soon as it has written something: wherever that lands in its
        // batch cycle, what it wrote but did not commit is replayed by the second.
        using (var first = bed.NewProcessor("first"))
        {
            using var kill = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var run = first.RunAsync(kill.Token);
            while (first.Stats.AuditWrites == 0 && !run.IsCompleted)
            {
                await Task.Delay(1, CancellationToken.None);
            }

            await kill.CancelAsync();
            await run;
            Assert.True(first.Stats.EventsIn < data.Transactions.Count, "the first processor finished before it could be killed");
        }

        using var second = bed.NewProcessor("second");
        await RunUntilCommittedAsync(bed, second);

        var expected = ProcessorTestBed.Expected(data);
        Assert.Equal(expected, ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        var processed = bed.ReadProcessed();
        Assert.Equal(expected, ProcessorTestBed.Lines(processed.DistinctBy(p => p.RecordId)));
        // Replays may repeat an output record, always with the same id and the same verdict.
        Assert.All(processed.GroupBy(p => p.RecordId), copies => Assert.Single(copies.Select(c => (c.Verdict, c.Score)).Distinct()));
    }

    [Fact]
    public async Task Two_processors_in_one_group_split_the_partitions_and_produce_what_one_does()
    {
        var bed = ProcessorTestBed.Create(stack);
        var data = ProcessorTestBed.Generate(transactions: 3000, seed: 31);
        await bed.CreateTopicsAsync();
        using var a = bed.NewProcessor("a");
        using var b = bed.NewProcessor("b");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { a.RunAsync(stop.Token), b.RunAsync(stop.Token) };
        using (var settle = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            settle.CancelAfter(TimeSpan.FromSeconds(60));
            while (!(a.Partitions.Count > 0 && b.Partitions.Count > 0 && a.Partitions.Count + b.Partitions.Count == bed.Topics.Partitions))
            {
                await Task.Delay(20, settle.Token);
            }
        }

        Assert.Empty(a.Partitions.Intersect(b.Partitions));
        bed.PublishFlags(data);
        bed.PublishTransactions(data.Transactions);
        await bed.WaitUntilAllCommittedAsync(a, b);
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.True(a.Stats.EventsIn > 0 && b.Stats.EventsIn > 0, $"both instances should have worked: {a.Stats} / {b.Stats}");
        var expected = ProcessorTestBed.Expected(data);
        Assert.Equal(expected, ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        Assert.Equal(expected, ProcessorTestBed.Lines(bed.ReadProcessed()));
    }

    [Fact]
    public async Task DynamoDb_stopped_for_ten_seconds_loses_nothing()
    {
        await using var dynalite = await DynaliteServer.StartAsync(durable: true);
        var bed = ProcessorTestBed.Create(stack, dynalite.ServiceUrl);
        var data = ProcessorTestBed.Generate(transactions: 3000, seed: 43);
        await bed.CreateTopicsAsync();
        bed.PublishFlags(data);
        var halfway = data.Transactions.Count / 2;
        bed.PublishTransactions(data.Transactions.Take(halfway));

        using var processor = bed.NewProcessor("outage");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = processor.RunAsync(stop.Token);
        await bed.WaitUntilAllCommittedAsync(processor);

        await dynalite.StopAsync();
        bed.PublishTransactions(data.Transactions.Skip(halfway));
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var retriesDuringOutage = processor.Stats.SinkRetries;
        await dynalite.StartAgainAsync();
        await bed.WaitUntilAllCommittedAsync(processor);
        await stop.CancelAsync();
        await run;

        Assert.True(retriesDuringOutage > 0, "the processor never noticed DynamoDB was down");
        var expected = ProcessorTestBed.Expected(data);
        Assert.Equal(expected, ProcessorTestBed.Lines(await bed.ReadAuditAsync()));
        Assert.Equal(expected, ProcessorTestBed.Lines(bed.ReadProcessed()));
    }

    [Fact]
    public async Task Rules_from_the_rules_topic_apply_without_restart_and_invalid_ones_go_to_rule_errors()
    {
        var bed = ProcessorTestBed.Create(stack);
        await bed.CreateTopicsAsync();
        using var processor = bed.NewProcessor("rules");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = processor.RunAsync(stop.Token);
        await processor.Ready;

        // One key: one partition, so the three rule records are read in this order.
        var key = Encoding.UTF8.GetBytes("rules");
        var valid = "{\"Rule_Id\":\"big-spender\",\"Aggregate\":\"max\",\"Field\":\"Transaction_Amount\",\"Operator\":\">\",\"Limit\":50,\"Window\":\"00:00:00\",\"Weight\":40}"u8.ToArray();
        var unknownAggregate = "{\"Rule_Id\":\"broken\",\"Aggregate\":\"median\",\"Operator\":\">\",\"Limit\":1,\"Window\":\"00:01:00\"}"u8.ToArray();
        var notJson = "limit > 50"u8.ToArray();
        bed.PublishRaw(bed.Topics.Rules, [(key, valid), (key, unknownAggregate), (key, notJson)]);
        using (var applied = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            applied.CancelAfter(TimeSpan.FromSeconds(60));
            while (processor.Stats.RuleErrors < 2)
            {
                await Task.Delay(20, applied.Token);
            }
        }

        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var transactions = Enumerable.Range(0, 40).Select(i => new Transaction
        {
            AccountId = 500 + i,
            CustomerName = $"Customer {i}",
            MerchantType = MerchantType.GroceryStore,
            TransactionId = $"{i + 1:x16}",
            TransactionType = TransactionType.InStore,
            TransactionAmount = i % 2 == 0 ? 10m : 100m,
            TransactionDate = start.AddSeconds(i),
        }).ToList();
        bed.PublishTransactions(transactions.Select(t => new LabelledTransaction(t, new TransactionLabel { AccountId = t.AccountId, TransactionId = t.TransactionId, Scenario = FraudScenario.Clean, ExpectedRuleIds = [] })));
        await bed.WaitUntilAllCommittedAsync(processor);
        await stop.CancelAsync();
        await run;

        Assert.Equal(
            transactions.Where(t => t.TransactionAmount > 50).Select(t => $"{ProcessedTransaction.RecordIdOf(t)}: big-spender").Order(StringComparer.Ordinal),
            ProcessorTestBed.Lines(bed.ReadProcessed()));
        var errors = TopicSnapshot.Read(bed.Kafka, bed.Topics.RuleErrors, TestContext.Current.CancellationToken);
        Assert.Equal([Convert.ToHexString(unknownAggregate), Convert.ToHexString(notJson)], errors.Select(e => Convert.ToHexString(e.Message.Value!)));
        var reasons = errors.Select(e => RejectedRecord.Read(e.Message.Headers)!.Reason).ToList();
        Assert.StartsWith("broken: Aggregate", reasons[0], StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Equal(bed.Topics.Rules, RejectedRecord.Read(e.Message.Headers)!.Source.Topic));
    }

    private static async Task RunUntilCommittedAsync(ProcessorTestBed bed, FraudProcessor processor)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = processor.RunAsync(stop.Token);
        try
        {
            await bed.WaitUntilAllCommittedAsync(processor);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    /// <summary>Malformed JSON, schema-invalid records, binary garbage and tombstones, keyed like real records.</summary>
    private static IEnumerable<(byte[]? Key, byte[]? Value)> Poison(int count)
    {
        string[] texts =
        [
            "{\"Account_Id\": 12, \"Customer_Name\": ",
            "{\"Account_Id\": \"twelve\", \"Customer_Name\": \"x\"}",
            "[1, 2, 3]",
            "{\"Account_Id\": 12, \"Customer_Name\": \"x\", \"Merchant_Type\": \"Casino\", \"Transaction_Id\": \"0123456789abcdef\", \"Transaction_Type\": \"Online\", \"Transaction_Amount\": 5, \"Transaction_Date\": \"2026-01-01T00:00:00Z\"}",
        ];
        for (var i = 0; i < count; i++)
        {
            var key = AccountKey.Encode(1000 + i);
            yield return (i % 5) switch
            {
                4 => (key, null),
                3 => (key, [0xff, 0xfe, 0x00, (byte)i]),
                var k => (key, Encoding.UTF8.GetBytes(texts[(k + i) % texts.Length])),
            };
        }
    }
}
