namespace FraudDetection.Stack;

/// <summary>A process to start, with every value filled in. May hold secrets: never print it, print its <see cref="CliCommand"/>.</summary>
public sealed record ProcessRequest(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);

/// <summary>How a process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// One line for a failure message: the last line of standard error (the AWS CLI), else the first MSBuild
    /// error on standard output (<c>dotnet publish</c> reports there), else the last output line, else the exit code.
    /// </summary>
    public string ErrorSummary => Lines(StandardError).LastOrDefault()
        ?? Lines(StandardOutput).FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal))
        ?? Lines(StandardOutput).LastOrDefault()
        ?? $"exit code {ExitCode}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
