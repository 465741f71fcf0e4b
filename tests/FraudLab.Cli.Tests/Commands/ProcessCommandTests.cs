using System.Diagnostics;
using FraudDetection.Configuration;
using FraudDetection.Generation;
using FraudDetection.LocalStack;
using FraudDetection.Model;
using FraudDetection.Storage;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary><c>fraudlab process</c> run as a real process against a local stack, stopped with SIGTERM.</summary>
public sealed class ProcessCommandTests(LocalStackFixture stack) : IClassFixture<LocalStackFixture>
{
    private const string Start = "2026-08-01T00:00:00Z";

    [Fact]
    public async Task Generate_then_process_fills_the_audit_table_with_the_labelled_transactions_and_stops_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        var labelsFile = Path.Combine(Directory.CreateTempSubdirectory("fraudlab-cli-process-").FullName, "labels.jsonl");
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var environment = new Dictionary<string, string?>
        {
            ["FRAUDLAB_Kafka__BootstrapServers"] = stack.BootstrapServers,
            ["FRAUDLAB_DynamoDb__ServiceUrl"] = stack.DynamoDbServiceUrl,
            ["FRAUDLAB_AuditTable__TableName"] = $"audit-{suffix}",
            ["FRAUDLAB_Topics__Transactions"] = $"tx-{suffix}",
            ["FRAUDLAB_Topics__FlaggedAccounts"] = $"flags-{suffix}",
            ["FRAUDLAB_Topics__Processed"] = $"processed-{suffix}",
        };
        string[] data = ["--seed", "5", "--accounts", "100", "--start", Start];
        var flags = await ProcessRunner.RunCliAsync(["generate", "flags", .. data], environment, cancellationToken: ct);
        var transactions = await ProcessRunner.RunCliAsync(["generate", "transactions", "--count", "1500", "--scenarios", "--labels", labelsFile, .. data], environment, cancellationToken: ct);
        Assert.True(flags.ExitCode == 0, flags.ToString());
        Assert.True(transactions.ExitCode == 0, transactions.ToString());
        var expected = File.ReadAllLines(labelsFile).Select(FraudJson.Deserialize<TransactionLabel>).Where(l => l.ExpectFlagged)
            .Select(l => $"{l.AccountId}-{l.TransactionId}").Order().ToList();
        Assert.NotEmpty(expected);

        using var process = StartCli(environment, "process", "--group-id", $"group-{suffix}");
        var stdoutRead = process.StandardOutput.ReadToEndAsync(ct);
        var stderrRead = process.StandardError.ReadToEndAsync(ct);
        var configuration = stack.ConfigurationWith(new Dictionary<string, string?> { ["AuditTable:TableName"] = $"audit-{suffix}" });
        using var client = DynamoDbClientFactory.Create(configuration.DynamoDb, KitMode.Local);
        var reader = new AuditTableReader(client, configuration.AuditTable);
        var stored = await WaitForAuditAsync(reader, expected.Count, process, ct);
        Signal(process, "TERM");
        await process.WaitForExitAsync(ct);
        var stdout = await stdoutRead;
        var stderr = await stderrRead;

        Assert.Equal(expected, stored);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("stopped: ", stdout, StringComparison.Ordinal);
        Assert.Contains($"{expected.Count} flagged", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contradictory_start_options_are_one_error_line()
    {
        var result = await ProcessRunner.RunCliAsync(["process", "--from-beginning", "--from-end"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fraudlab: error: --from-beginning and --from-end exclude each other (see 'fraudlab process --help')", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_invalid_processor_setting_is_named()
    {
        var result = await ProcessRunner.RunCliAsync(
            ["process"], new Dictionary<string, string?> { ["FRAUDLAB_Processor__AuditWrites"] = "sometimes" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("fraudlab: error: invalid configuration: Processor:AuditWrites", result.Stderr.Trim(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> WaitForAuditAsync(AuditTableReader reader, int count, Process process, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            Assert.False(process.HasExited, "fraudlab process exited early");
            try
            {
                var items = await reader.ReadAllAsync(timeout.Token).Select(i => i.RecordId).Order().ToListAsync(timeout.Token);
                if (items.Count >= count)
                {
                    return items;
                }
            }
            catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
            {
                // The processor has not created the table yet.
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static Process StartCli(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutableSearch.FindDotnetHost()!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "fraudlab.dll") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
