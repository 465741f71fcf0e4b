using System.Diagnostics;

namespace FraudLab.Broker.Tests.Security;

/// <summary>kafkajs (npm, the repository's devDependency) over SASL_SSL with SCRAM-SHA-512, trusting only the generated CA.</summary>
public sealed class KafkajsSaslSslTests(SecureBrokerFixture broker) : IClassFixture<SecureBrokerFixture>
{
    private const string Script = """
        const fs = require('fs');
        const { Kafka, logLevel } = require('kafkajs');
        const [brokers, ca, username, password, topic] = process.argv.slice(2);
        const kafka = new Kafka({
          clientId: 'kafkajs-test', brokers: [brokers], logLevel: logLevel.NOTHING,
          ssl: { ca: [fs.readFileSync(ca, 'utf8')] },
          sasl: { mechanism: 'scram-sha-512', username, password },
        });
        (async () => {
          const producer = kafka.producer();
          await producer.connect();
          await producer.send({ topic, messages: ['a', 'b', 'c'].map(value => ({ value })) });
          await producer.disconnect();
          const consumer = kafka.consumer({ groupId: 'kafkajs-' + topic });
          await consumer.connect();
          await consumer.subscribe({ topic, fromBeginning: true });
          const seen = [];
          await new Promise((resolve, reject) => {
            consumer.run({ eachMessage: async ({ message }) => { seen.push(message.value.toString()); if (seen.length === 3) resolve(); } }).catch(reject);
          });
          await consumer.disconnect();
          console.log(seen.join(','));
        })().catch(e => { console.error(`${e.name}: ${e.message}`); process.exit(1); });
        """;

    [Fact]
    public async Task ProducesAndConsumesInAGroupOverSaslSsl()
    {
        var (exitCode, stdout, stderr) = await RunAsync(SecureBrokerFixture.Password);
        Assert.True(exitCode == 0, $"kafkajs failed: {stderr}");
        Assert.Equal("a,b,c", stdout.Trim());
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        var (exitCode, _, stderr) = await RunAsync("wrong-password");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("SASL SCRAM SHA512 authentication failed", stderr);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string password)
    {
        var modules = FindNodeModules();
        var node = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        if (node is null || modules is null) Assert.Skip("node or node_modules/kafkajs is missing (./download.sh installs both)");
        using var folder = new TempDirectory();
        var script = Path.Combine(folder.Path, "kafkajs-sasl-ssl.cjs");
        await File.WriteAllTextAsync(script, Script, TestContext.Current.CancellationToken);
        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, broker.BootstrapServers, broker.Certificates.CaCertificateFile, SecureBrokerFixture.User, password, $"kafkajs-{Guid.NewGuid():N}" })
            info.ArgumentList.Add(argument);
        info.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90)); // a hang guard, not a speed check
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(); throw; }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The repository's node_modules holding kafkajs, found upward from the test binaries.</summary>
    private static string? FindNodeModules()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var modules = Path.Combine(dir.FullName, "node_modules");
            if (File.Exists(Path.Combine(modules, "kafkajs", "package.json"))) return modules;
        }
        return null;
    }
}
