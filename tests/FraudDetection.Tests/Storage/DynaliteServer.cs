using System.Diagnostics;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;

namespace FraudDetection.Tests.Storage;

/// <summary>
/// A dynalite process on a free loopback port, owned by one test. It can be stopped and started again on the same
/// port (with a data folder, so items survive): that is how the tests take DynamoDB away and bring it back.
/// </summary>
internal sealed class DynaliteServer : IAsyncDisposable
{
    private readonly string _cli;
    private readonly string? _dataDirectory;
    private Process? _process;

    private DynaliteServer(string cli, int port, string? dataDirectory)
    {
        _cli = cli;
        Port = port;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public DynamoDbOptions Options => new() { ServiceUrl = ServiceUrl };

    /// <summary>Starts dynalite, or skips the test when node or the npm package is missing.</summary>
    public static async Task<DynaliteServer> StartAsync(bool durable = false)
    {
        var cli = Path.Combine(KitPaths.Discover().Root, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli) || ExecutableSearch.FindOnPath("node") is null)
        {
            Assert.Skip($"dynalite is not installed ({cli}); run `npm ci` in the kit folder");
        }

        var data = durable ? Directory.CreateTempSubdirectory("fraudlab-dynalite-").FullName : null;
        var server = new DynaliteServer(cli, TcpPorts.FindFree(), data);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the process (again) on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { _cli, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (_dataDirectory is not null)
        {
            start.ArgumentList.Add("--path");
            start.ArgumentList.Add(_dataDirectory);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await TcpPorts.AcceptsConnectionsAsync("127.0.0.1", Port))
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {_process.ExitCode} on port {Port}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"dynalite did not listen on port {Port}");
    }

    /// <summary>SIGSTOP (<paramref name="stalled"/>) or SIGCONT: a stalled DynamoDB keeps its connections open and answers nothing.</summary>
    public async Task StallAsync(bool stalled)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("dynalite is not running");
        using var signal = Process.Start("kill", [stalled ? "-STOP" : "-CONT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("could not run kill");
        await signal.WaitForExitAsync();
        Assert.Equal(0, signal.ExitCode);
    }

    /// <summary>Kills the process: DynamoDB is gone until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
