using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary><c>fraudlab local kafka</c>: the broker in the foreground, stopped cleanly by SIGTERM.</summary>
public sealed class LocalKafkaCommandTests
{
    [Fact]
    public async Task The_broker_serves_metadata_until_sigterm_then_exits_zero()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = TcpPorts.FindFree();
        var start = new ProcessStartInfo(ExecutableSearch.FindDotnetHost()!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "fraudlab.dll"), "local", "kafka", "--port", port.ToString(CultureInfo.InvariantCulture), "--in-memory" })
        {
            start.ArgumentList.Add(argument);
        }

        using var broker = Process.Start(start)!;
        var output = broker.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = broker.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var options = new KafkaOptions { BootstrapServers = $"127.0.0.1:{port}" };
            var process = new StackDiscovery.StartedProcess(broker.Id, ["fraudlab.dll", "kafka"], "(captured by the test)", null);
            await ServiceProbe.WaitUntilAnswersAsync("kafka", options.BootstrapServers, process, async ct => await ServiceProbe.KafkaTopicsAsync(options, ct) is not null, TimeSpan.FromSeconds(60), cancellationToken);

            Assert.True(await ProcessTable.TerminateAsync(broker.Id, TimeSpan.FromSeconds(30), cancellationToken));
            await broker.WaitForExitAsync(cancellationToken);

            Assert.Equal(0, broker.ExitCode);
            Assert.Contains($"127.0.0.1:{port} stopped", await output, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await errors);
            Assert.True(TcpPorts.IsFree("127.0.0.1", port));
        }
        finally
        {
            if (!broker.HasExited)
            {
                broker.Kill();
            }
        }
    }

    [Fact]
    public async Task A_taken_port_is_one_error_line_naming_it()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var port = ((IPEndPoint)holder.LocalEndpoint).Port;

            var result = await ProcessRunner.RunCliAsync(["local", "kafka", "--port", port.ToString(CultureInfo.InvariantCulture), "--in-memory"], cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"fraudlab: error: port {port} on 127.0.0.1 is taken by pid {Environment.ProcessId}", line, StringComparison.Ordinal);
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public async Task A_bad_scram_users_file_is_one_error_line_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("fraudlab-kafka-flags-").FullName;
        try
        {
            var users = Path.Combine(folder, "users.json");
            await File.WriteAllTextAsync(users, "[{\"username\": \"alice\"}]", TestContext.Current.CancellationToken);

            var result = await ProcessRunner.RunCliAsync(["local", "kafka", "--port", "0", "--in-memory", "--scram-users", users], cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"fraudlab: error: SCRAM users file '{users}': entry 0 needs", line, StringComparison.Ordinal);
            Assert.EndsWith("(--scram-users)", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_tls_certificate_is_one_error_line_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.pem");

        var result = await ProcessRunner.RunCliAsync(["local", "kafka", "--port", "0", "--in-memory", "--tls-cert", missing], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"TlsCertificateFile '{missing}' does not exist", line, StringComparison.Ordinal);
    }
}
