using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Tests.Support;
using Workshop.Tests.Charts;

namespace Workshop.Tests.Workshop;

/// <summary>
/// Every notebook of <c>notebooks/</c> runs in local mode through an engine, one test each: no failed cell, no error
/// output, the executed file is valid nbformat 4, and the notebook's own assertions held (their messages are checked
/// here). One subclass per engine: the kit's own and the real .NET Interactive kernel.
/// </summary>
public abstract class WorkshopNotebookTests(WorkshopSession workshop, ChromiumBrowser browser, WorkshopEngine engine)
{
    [Fact]
    public async Task Setup_checks_the_tools_and_the_names() =>
        Assert.Contains("librdkafka", await RunAsync("00-setup"));

    [Fact]
    public async Task Infrastructure_reuses_the_running_stack_and_finds_every_topic_and_the_table()
    {
        var text = await RunAsync("01-infrastructure");

        Assert.Contains("reusing the running local stack", text);
        Assert.Matches(@"Status\W*ACTIVE", text); // text/plain "Status: ACTIVE", or the real kernel's HTML table cells
    }

    [Fact]
    public async Task Transactions_are_published_and_browsed_by_partition() =>
        Assert.Contains("published 3000 transactions to Demo_transactions", await RunAsync("02-transactions"));

    [Fact]
    public async Task Flagged_accounts_are_published_and_seen_on_their_topic() =>
        Assert.Contains("published 4 flags to Flagged_accounts", await RunAsync("03-flagged-accounts"));

    [Fact]
    public async Task Detection_flags_every_injected_scenario_and_no_clean_transaction() =>
        Assert.Contains("every injected scenario was flagged; no clean transaction was", await RunAsync("04-detection"));

    [Fact]
    public async Task A_dynamic_rule_is_applied_and_paused_without_restarting_the_processor()
    {
        var text = await RunAsync("05-rules");

        Assert.Contains("without restarting the processor", text);
        Assert.Contains("paused: probes are Approve again", text);
    }

    [Fact]
    public async Task The_audit_table_holds_one_item_per_flagged_record() =>
        Assert.Matches(@"(\d+) audit items = \1 flagged records, same ids, same verdicts", await RunAsync("06-audit-table"));

    [Fact]
    public async Task Charts_are_saved_and_render_offline_in_chromium()
    {
        await RunAsync("07-charts");

        var files = Directory.GetFiles(workshop.ChartsDirectoryOf(engine), "*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["by-merchant-type.html", "by-rule.html", "flagged-over-time.html", "impossible-travel.html", "latency.html", "top-accounts.html"], files);
        foreach (var name in new[] { "by-merchant-type", "by-rule", "flagged-over-time", "top-accounts", "latency" })
        {
            var rendered = await browser.RenderAsync(Path.Combine(workshop.ChartsDirectoryOf(engine), name + ".html"));
            Assert.True(rendered.Bars > 0, $"{name}: no bar rendered");
            Assert.Empty(rendered.Errors);
            Assert.Empty(rendered.NetworkRequests);
        }

        var map = await browser.RenderAsync(Path.Combine(workshop.ChartsDirectoryOf(engine), "impossible-travel.html"));
        Assert.True(map.MapLines > 0 && map.MapPoints == 2 * map.MapLines, $"map: {map.MapLines} lines, {map.MapPoints} points");
        Assert.Empty(map.NetworkRequests);
    }

    [Fact]
    public async Task Cleanup_leaves_a_stack_it_did_not_start_and_forgets_the_stream() =>
        Assert.Contains("left running", await RunAsync("99-cleanup"));

    private async Task<string> RunAsync(string notebook)
    {
        var result = await workshop.RunAsync(notebook, engine);
        var text = WorkshopSession.OutputText(result);
        Assert.True(result.Succeeded, $"{notebook}: {result.FirstFailure?.Error}");
        Assert.DoesNotContain(result.Cells, c => c.Status is CellStatus.Failed or CellStatus.NotRun);
        Assert.Empty(result.Notebook.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());
        Assert.Empty(await NotebookSchema.ValidateAsync(File.ReadAllText(result.OutputPath!)));
        return text;
    }
}

/// <summary>The workshop in the kit's own engine.</summary>
[Collection(WorkshopCollection.Name)]
public sealed class BuiltinEngineNotebookTests(WorkshopSession workshop, ChromiumBrowser browser)
    : WorkshopNotebookTests(workshop, browser, WorkshopEngine.Builtin), IClassFixture<ChromiumBrowser>;
