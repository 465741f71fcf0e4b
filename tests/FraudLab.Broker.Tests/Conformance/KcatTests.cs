using System.Diagnostics;

namespace FraudLab.Broker.Tests.Conformance;

/// <summary>Debian's kcat (librdkafka 2.0.2) against the broker: metadata, produce with keys and headers, consume, balanced consumer group.</summary>
public sealed class KcatTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task ListsTheBrokerAndTopics()
    {
        var topic = NewTopic();
        await KcatAsync($"-P -t {topic}", "one\n");
        var listing = await KcatAsync("-L");
        Assert.Contains($"broker 0 at {broker.BootstrapServers}", listing);
        Assert.Contains($"topic \"{topic}\" with 1 partitions", listing);
    }

    [Fact]
    public async Task ProducesKeysAndHeadersAndConsumesThemFromTheBeginning()
    {
        var topic = NewTopic();
        await KcatAsync($"-P -t {topic} -K: -H trace=abc -H source=kcat", "k1:v1\nk2:v2\nk3:v3\n");
        var output = await KcatAsync($"-C -t {topic} -o beginning -e -f %k=%s|%h|%o\\n");
        Assert.Equal(["k1=v1|trace=abc,source=kcat|0", "k2=v2|trace=abc,source=kcat|1", "k3=v3|trace=abc,source=kcat|2"], Lines(output));
    }

    [Fact]
    public async Task ABalancedConsumerGroupReadsEverythingOnce()
    {
        var topic = NewTopic();
        await KcatAsync($"-P -t {topic}", string.Join("\n", Enumerable.Range(0, 50)) + "\n");
        var output = await KcatAsync($"-G {NewTopic()} -o beginning -e -f %s\\n {topic}");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString()), Lines(output));
    }

    private static string NewTopic() => $"kcat-{Guid.NewGuid():N}";

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs kcat against the broker; skips when kcat is not installed, fails with its stderr when it fails.</summary>
    private async Task<string> KcatAsync(string arguments, string? input = null)
    {
        var path = FindOnPath("kcat");
        if (path is null) Assert.Skip("kcat is not installed (apt-get install kcat, or ./download.sh)");
        var info = new ProcessStartInfo(path, $"-b {broker.BootstrapServers} -q {arguments}")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // a hang guard, not a speed check
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(); throw; }
        Assert.True(process.ExitCode == 0, $"kcat {arguments} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
