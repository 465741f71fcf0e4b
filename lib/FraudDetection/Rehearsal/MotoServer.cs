using System.Diagnostics;
using FraudDetection.LocalStack;

namespace FraudDetection.Rehearsal;

/// <summary>
/// moto's server (<c>moto_server</c>, Python) on a loopback port, emulating DynamoDB, Secrets Manager, SNS and IAM
/// with IAM enforced: the first <see cref="NoAuthRequests"/> requests run without authentication (they create the
/// IAM users of the rehearsal), every later one must be signed by a user whose policy allows the action.
/// moto 5 checks actions, not resources (it evaluates every statement against resource <c>*</c>), so the rehearsal's
/// users get their role's actions with <c>Resource: "*"</c>; see cfn/README.md.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string Program = "moto_server";

    /// <summary>What to install when moto is missing; the one line tests skip with.</summary>
    public const string MissingHint = "moto_server not found on PATH: install moto's server into a Python 3 (pip install 'moto[server]'; this kit was checked with moto 5.2.1)";

    private readonly Process process;

    private MotoServer(Process process, int port, int noAuthRequests)
    {
        this.process = process;
        Port = port;
        NoAuthRequests = noAuthRequests;
    }

    public int Port { get; }

    public int NoAuthRequests { get; }

    public int ProcessId => process.Id;

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>The path of <c>moto_server</c>, or null.</summary>
    public static string? Find() => ExecutableSearch.FindOnPath(Program);

    /// <summary>Starts moto on a free loopback port and waits until it accepts connections.</summary>
    public static async Task<MotoServer> StartAsync(int noAuthRequests, string? logFile = null, int? port = null, CancellationToken cancellationToken = default)
    {
        var program = Find() ?? throw new InvalidOperationException(MissingHint);
        var chosen = port ?? TcpPorts.FindFree();
        var start = new ProcessStartInfo(program)
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = noAuthRequests.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MOTO_ALLOW_NONEXISTENT_REGION"] = "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var log = logFile is null ? null : TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => log?.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log?.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, chosen, noAuthRequests);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await TcpPorts.AcceptsConnectionsAsync("127.0.0.1", chosen, cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{program} did not listen on 127.0.0.1:{chosen} within 30 s");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
    }
}
