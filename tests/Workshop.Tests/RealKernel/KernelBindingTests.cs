using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Jupyter;
using Workshop.Tests.Workshop;

namespace Workshop.Tests.RealKernel;

/// <summary>
/// The library's dependencies bind inside the real kernel's process (its .NET 10 / ASP.NET Core 10 shared framework,
/// its own FSharp.Core): FraudDetection referenced from the local feed, then each public entry point the notebooks
/// use called once, against the shared local stack where it talks to Kafka or DynamoDB.
/// </summary>
[Collection(WorkshopCollection.Name)]
public sealed class KernelBindingTests(WorkshopSession workshop)
{
    [Fact]
    public async Task Every_entry_point_the_notebooks_use_loads_and_runs_in_the_real_kernel()
    {
        workshop.SkipUnlessRealKernel();
        var folder = Path.Combine(workshop.Paths.Root, "out", "kernel-binding"); // inside the repo: the tool manifest is found from here
        Directory.CreateDirectory(folder);
        var notebook = new NotebookDocument();
        notebook.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = JupyterKernel.DotNetCSharp, ["display_name"] = ".NET (C#)", ["language"] = "C#" };
        foreach (var cell in Cells(workshop.Paths.LocalFeedDirectory, Path.Combine(folder, "charts")))
        {
            notebook.Cells.Add(NotebookCell.CSharp(cell));
        }

        var path = Path.Combine(folder, "binding.ipynb");
        notebook.Save(path);

        var result = await JupyterRunner.RunAsync(path, new NotebookRunOptions { OutputDirectory = null, Environment = workshop.Environment }, workshop.RealKernel, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.FirstFailure?.Error);
        Assert.DoesNotContain(result.Cells, c => c.Status is CellStatus.NotRun);
        Assert.Empty(result.Notebook.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());
        var text = WorkshopSession.OutputText(result.Notebook);
        Assert.Contains("Microsoft.Extensions.Configuration 10.0.0.0", text);
        Assert.Contains("librdkafka 2.", text);
        Assert.Contains("table ACTIVE", text);
        Assert.Contains("charts saved: 6", text);
        Assert.Contains("processor stopped", text);
    }

    private static IEnumerable<string> Cells(string feed, string charts) =>
    [
        $$"""
        using Microsoft.DotNet.Interactive;
        using Microsoft.DotNet.Interactive.Commands;
        using Microsoft.DotNet.Interactive.Events;
        var loaded = await Kernel.Root.SendAsync(new SubmitCode("#i \"nuget: {{feed}}\"\n#r \"nuget: FraudDetection, 0.1.0\""));
        if (loaded.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed) throw new InvalidOperationException(failed.Message);
        """,
        """
        using System.IO;
        using System.Threading;
        using FraudDetection.Configuration;
        using FraudDetection.Charts;
        using FraudDetection.Detection;
        using FraudDetection.Generation;
        using FraudDetection.LocalStack;
        using FraudDetection.Model;
        using FraudDetection.Storage;
        using FraudDetection.Streaming;
        var kit = KitConfiguration.Load(KitConfiguration.ParseMode("local"));
        var options = kit.Get<DetectionOptions>(DetectionOptions.Section);
        string.Join("\n", AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName()).Where(n => n.Name!.StartsWith("Microsoft.Extensions.Configuration")).Select(n => $"{n.Name} {n.Version}").Distinct().Order())
        """,
        """
        var status = await LocalStackManager.From(kit).StatusAsync();
        if (!status.Kafka.Up || !status.DynamoDb.Up) throw new InvalidOperationException($"stack down: {status.Kafka.Up} {status.DynamoDb.Up}");
        var kafka = new KafkaClientFactory(kit.Kafka);
        var topics = await new TopicAdmin(kafka).ListTopicsAsync();
        $"librdkafka {Confluent.Kafka.Library.VersionString}, {topics.Count} topics"
        """,
        """
        var generator = new GeneratorOptions { Seed = 7, Accounts = 20, FlaggedAccounts = 2, FirstAccountId = 1_999_000_000_001 };
        var stream = new TransactionGenerator(generator, options).Generate().Take(40).ToList();
        var flags = new FlagGenerator(generator).Generate().ToList();
        var json = FraudJson.SerializeToString(stream[0].Transaction);
        var back = FraudJson.Deserialize<Transaction>(System.Text.Encoding.UTF8.GetBytes(json));
        var publisher = new EventPublisher(kafka, "binding-test");
        publisher.Publish(kit.Topics.Transactions, back);
        publisher.WaitForAcknowledgements(CancellationToken.None);
        publisher.Dispose();
        var producer = new AcknowledgedProducer(kafka, "binding-test");
        producer.Dispose();
        var read = TopicSnapshot.Read(kafka, kit.Topics.Transactions);
        $"{stream.Count} transactions, {flags.Count} flags, {read.Count} on the topic"
        """,
        """
        var processor = new FraudProcessor(ProcessorSettings.From(kit), new ProcessorHooks());
        var stop = new CancellationTokenSource();
        var running = processor.RunAsync(stop.Token);
        await Task.WhenAny(processor.Ready, running);
        if (running.IsCompleted) await running; else await processor.Ready;
        stop.Cancel();
        try { await running; } catch (OperationCanceledException) { }
        processor.Dispose();
        "processor stopped"
        """,
        """
        var dynamo = DynamoDbClientFactory.Create(kit.DynamoDb, kit.Mode);
        var table = await dynamo.DescribeTableAsync(kit.AuditTable.TableName);
        var audit = new AuditTableReader(dynamo, kit.AuditTable);
        var items = 0;
        await foreach (var item in audit.QueryByAccountAsync(stream[0].Transaction.AccountId)) items++;
        await foreach (var item in audit.QueryByEventTimeAsync(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow)) items++;
        $"table {table.Table.TableStatus.Value}, {items} items"
        """,
        $$"""
        var processed = stream.Take(5).Select((s, i) => ProcessedTransaction.From(new Decision
        {
            Transaction = s.Transaction with { CreatedAt = s.Transaction.TransactionDate },
            Verdict = Verdict.Review,
            Score = 50,
            Reasons = [new Reason { RuleId = "flagged-account", Description = "d", Observed = 1, Threshold = 1 }],
            ProcessedTime = s.Transaction.TransactionDate.AddMilliseconds(20 + i),
        })).ToList();
        var travel = TravelPair.Find(stream.Select(s => s.Transaction), processed, FraudDetection.Detection.Rules.BuiltInRuleIds.ImpossibleTravel);
        var latency = LatencyStats.From(LatencyStats.EndToEnd(processed));
        var charts = new[] { FlaggedOverTimeChart.Build(processed), BreakdownChart.ByMerchantType(processed), BreakdownChart.ByRule(processed), TopAccountsChart.Build(processed), TravelMapChart.Build(travel), LatencyHistogramChart.Build(processed) };
        var renderer = ChartRenderer.ForKit(kit.Paths);
        var html = new ChartDisplay(renderer).Html(charts[0]);
        var saved = charts.Select(c => renderer.Save(c, "{{charts}}")).ToList();
        display(HTML(html));
        $"charts saved: {saved.Count}, latency {latency.Count}"
        """,
    ];
}
