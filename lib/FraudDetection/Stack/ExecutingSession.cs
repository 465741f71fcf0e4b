namespace FraudDetection.Stack;

/// <summary>
/// Runs each command through an <see cref="IProcessRunner"/>, reporting the bash form of each
/// (captured values appear as <c>"$NAME"</c>, so a password never reaches the log).
/// A failed command stops the operation with one line naming the command and the CLI's last error line.
/// </summary>
public sealed class ExecutingSession(IProcessRunner runner, IProgress<string> log) : ICommandSession
{
    private readonly Dictionary<string, string> captured = new(StringComparer.Ordinal);

    public async Task RunAsync(CliCommand command, CancellationToken cancellationToken, Func<CancellationToken, Task>? whileRunning = null, string? failureHint = null)
    {
        log.Report(command.ToShell());
        var result = await RunWithCompanionAsync(command, whileRunning, cancellationToken);
        if (!result.Succeeded)
        {
            throw CommandFailure.From(command, result, failureHint);
        }
    }

    public async Task<CommandText> CaptureAsync(string variable, CliCommand command, CancellationToken cancellationToken)
    {
        log.Report($"{variable}=$({command.ToShell()})");
        var result = await runner.RunAsync(command.Resolve(captured), cancellationToken);
        var value = result.StandardOutput.Trim();
        if (!result.Succeeded || value is "" or "None" or "null")
        {
            throw result.Succeeded
                ? new StackException($"'{CommandFailure.Name(command)}' gave no value for {variable}")
                : CommandFailure.From(command, result);
        }

        captured[variable] = value;
        return CommandText.Variable(variable);
    }

    public void Note(string text) => log.Report($"# {text}");

    private async Task<ProcessResult> RunWithCompanionAsync(CliCommand command, Func<CancellationToken, Task>? whileRunning, CancellationToken cancellationToken)
    {
        var process = runner.RunAsync(command.Resolve(captured), cancellationToken);
        if (whileRunning is null)
        {
            return await process;
        }

        using var companionStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var companion = whileRunning(companionStop.Token);
        try
        {
            return await process;
        }
        finally
        {
            await companionStop.CancelAsync();
            try
            {
                await companion;
            }
            catch (OperationCanceledException)
            {
                // The companion ends by cancellation once the command is done.
            }
        }
    }
}
