namespace FraudDetection.Stack;

/// <summary>Runs AWS CLI commands that need no captured values and returns their standard output; a failure is one line.</summary>
public sealed class AwsCliRunner(IProcessRunner runner)
{
    public async Task<string> RunAsync(CliCommand command, CancellationToken cancellationToken, string? failureHint = null)
    {
        var result = await ExecuteAsync(command, cancellationToken);
        return result.Succeeded ? result.StandardOutput : throw CommandFailure.From(command, result, failureHint);
    }

    /// <summary>Output on success, null on failure (for polling that must not stop an operation).</summary>
    public async Task<string?> TryRunAsync(CliCommand command, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(command, cancellationToken);
        return result.Succeeded ? result.StandardOutput : null;
    }

    /// <summary>The whole result, for callers that tell one failure from another.</summary>
    public Task<ProcessResult> ExecuteAsync(CliCommand command, CancellationToken cancellationToken) =>
        runner.RunAsync(command.Resolve(NoValues), cancellationToken);

    /// <summary><c>aws sts get-caller-identity</c>: the CLI is installed and has credentials.</summary>
    public Task EnsureCredentialsAsync(StackTarget stack, CancellationToken cancellationToken) =>
        RunAsync(AwsCli.CallerIdentity(stack), cancellationToken, MissingProgram.NoCredentials);

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();
}
