using System.Diagnostics;
using FraudDetection.LocalStack;

namespace FraudLab.Testing;

/// <summary>What a finished program printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything it printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs a real program (the <c>fraudlab</c> CLI, kcat) to completion with captured output, optional stdin and extra
/// environment. A program still running at the timeout is killed (with its process tree) and reported as such, so a
/// hung child fails its test instead of hanging the run.
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0} s");
        }

        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs <c>dotnet fraudlab.dll …</c>: the CLI as a user runs it (its dll is copied next to the test assembly).</summary>
    public static Task<ProcessResult> RunCliAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "fraudlab.dll");
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException($"fraudlab.dll not found next to the tests ({cli}): reference lib/FraudLab.Cli from this test project", cli);
        }

        var dotnet = ExecutableSearch.FindDotnetHost() ?? throw new InvalidOperationException("the dotnet host was not found");
        return RunAsync(dotnet, [cli, .. arguments], environment, stdin: null, timeout, cancellationToken);
    }
}
