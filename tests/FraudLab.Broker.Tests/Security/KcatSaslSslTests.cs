using System.Diagnostics;

namespace FraudLab.Broker.Tests.Security;

/// <summary>Debian's kcat (librdkafka 2.0.2) over SASL_SSL with SCRAM-SHA-512, verifying the generated CA.</summary>
public sealed class KcatSaslSslTests(SecureBrokerFixture broker) : IClassFixture<SecureBrokerFixture>
{
    [Fact]
    public async Task ProducesAndConsumesOverSaslSsl()
    {
        var topic = $"kcat-secure-{Guid.NewGuid():N}";
        using var folder = new TempDirectory();
        var config = WriteConfig(folder, SecureBrokerFixture.Password);
        await KcatAsync(config, $"-P -t {topic}", "one\ntwo\nthree\n");
        var output = await KcatAsync(config, $"-C -t {topic} -o beginning -e -f %s\\n");
        Assert.Equal(["one", "two", "three"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task AWrongPasswordFails()
    {
        using var folder = new TempDirectory();
        var result = await KcatAsync(WriteConfig(folder, "wrong"), "-L -m 5", expectSuccess: false);
        Assert.Contains("Authentication failed", result);
    }

    /// <summary>A kcat -F file: keeps the password off the command line, as a user would.</summary>
    private string WriteConfig(TempDirectory folder, string password)
    {
        var path = Path.Combine(folder.Path, "kcat.conf");
        File.WriteAllLines(path,
        [
            "security.protocol=SASL_SSL",
            "sasl.mechanisms=SCRAM-SHA-512",
            $"sasl.username={SecureBrokerFixture.User}",
            $"sasl.password={password}",
            $"ssl.ca.location={broker.Certificates.CaCertificateFile}",
        ]);
        return path;
    }

    private async Task<string> KcatAsync(string config, string arguments, string? input = null, bool expectSuccess = true)
    {
        var path = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, "kcat")).FirstOrDefault(File.Exists);
        if (path is null) Assert.Skip("kcat is not installed (apt-get install kcat, or ./download.sh)");
        var info = new ProcessStartInfo(path, $"-b {broker.BootstrapServers} -F {config} {(expectSuccess ? "-q " : "")}{arguments}")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        {
            using var process = Process.Start(info)!;
            if (input is not null) await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60)); // a hang guard, not a speed check
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(); throw; }
            if (!expectSuccess)
            {
                Assert.NotEqual(0, process.ExitCode);
                return await stderr + await stdout;
            }
            Assert.True(process.ExitCode == 0, $"kcat {arguments} exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
    }
}
