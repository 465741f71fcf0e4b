using FraudDetection.Configuration;
using FraudDetection.LocalStack;

namespace FraudLab.Testing;

/// <summary>dynalite, in memory, on a free loopback port, as a child of the test host (recorded so a dead host's child is reaped).</summary>
internal sealed class DynaliteChild : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private readonly string _record;
    private readonly string _logFile;

    private DynaliteChild(int pid, int port, IReadOnlyList<string> markers, string record, string logFile)
    {
        Pid = pid;
        Port = port;
        _record = record;
        _logFile = logFile;

        // A host stopped by SIGTERM (a run's timeout) exits without disposing fixtures; take the child along.
        // Only kill -9 of the host gets past this, and the next fixture's reaping covers that.
        // The marker check keeps a pid reused after a normal dispose from being signalled.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (ProcessTable.Matches(pid, markers))
            {
                ProcessTable.TerminateAsync(pid, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
            }
        };
    }

    public int Pid { get; }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>
    /// Starts dynalite and waits until it answers ListTables. A free port can be taken between choosing and binding it,
    /// so a start that fails is retried on another port. Missing Node or dynalite fails with the fix: run ./download.sh.
    /// </summary>
    public static async Task<DynaliteChild> StartAsync(KitPaths paths, StaleTestProcesses registry, CancellationToken cancellationToken)
    {
        var logDirectory = Path.Combine(paths.StateDirectory, "test-stacks");
        for (var attempt = 1; ; attempt++)
        {
            var port = TcpPorts.FindFree();
            var spec = DynaliteLaunch.Create(paths.Root, "127.0.0.1", port, dataDirectory: null, Path.Combine(logDirectory, $"dynalite-{port}.log"));
            var pid = BackgroundProcess.Start(spec);
            var child = new DynaliteChild(pid, port, spec.Markers, registry.Record(pid, spec.Markers), spec.LogFile);
            try
            {
                var options = new DynamoDbOptions { ServiceUrl = child.ServiceUrl };
                var process = new StackDiscovery.StartedProcess(pid, spec.Markers, spec.LogFile, null);
                await ServiceProbe.WaitUntilAnswersAsync("dynalite", child.ServiceUrl, process, ct => ServiceProbe.DynamoDbAnswersAsync(options, ct), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                return child;
            }
            catch (LocalStackException) when (attempt < PortAttempts)
            {
                await child.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTable.TerminateAsync(Pid, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        File.Delete(_record);
        File.Delete(_logFile);
    }
}
