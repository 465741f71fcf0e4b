namespace FraudDetection.Stack;

/// <summary>A process to start, with every value filled in. May hold secrets: never print it, print its <see cref="CliCommand"/>.</summary>
public sealed record ProcessRequest(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);

/// <summary>How a process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of standard error, for a one-line failure message.</summary>
    public string ErrorSummary => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
        ?? $"exit code {ExitCode}";
}
