using System.ComponentModel;
using System.Diagnostics;

namespace FraudDetection.LocalStack;

/// <summary>
/// Starts a <see cref="LaunchSpec"/> detached from the caller: it outlives the CLI that started it, has no terminal,
/// and writes stdout and stderr to its log file. <c>setsid</c> puts it in a session of its own (a Ctrl+C or hang-up
/// meant for the terminal does not reach it); <c>sh</c> redirects to the log and then <c>exec</c>s, so the pid we get
/// is the program's own pid.
/// </summary>
public static class BackgroundProcess
{
    /// <summary>The shell step: $0 is the log file, "$@" the program and its arguments.</summary>
    private const string RedirectAndExec = "exec \"$@\" >\"$0\" 2>&1 </dev/null";

    /// <summary>Starts <paramref name="spec"/> (truncating its log) and returns its pid.</summary>
    public static int Start(LaunchSpec spec)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(spec.LogFile)!);
        var sessionLeader = ExecutableSearch.FindOnPath("setsid");
        var startInfo = new ProcessStartInfo(sessionLeader ?? "/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        if (sessionLeader is not null)
        {
            startInfo.ArgumentList.Add("/bin/sh");
        }

        foreach (var argument in new[] { "-c", RedirectAndExec, spec.LogFile, spec.FileName }.Concat(spec.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(startInfo) ?? throw new LocalStackException($"{spec.Name}: could not start {spec.FileName}");
            return process.Id;
        }
        catch (Win32Exception ex)
        {
            throw new LocalStackException($"{spec.Name}: could not start {spec.FileName}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The end of a log as one line: the last error line (stack frames skipped, they rarely say what went wrong), then the
    /// last <paramref name="lines"/> lines, joined with " | ".
    /// </summary>
    public static string LogTail(string logFile, int lines = 3)
    {
        try
        {
            var meaningful = File.ReadLines(logFile)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith("at ", StringComparison.Ordinal))
                .ToList();
            var tail = meaningful.TakeLast(lines).ToList();
            var error = meaningful.LastOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("exception", StringComparison.OrdinalIgnoreCase));
            if (error is not null && !tail.Contains(error))
            {
                tail.Insert(0, error + " …");
            }

            return tail.Count > 0 ? string.Join(" | ", tail) : "(log is empty)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(no log at {logFile})";
        }
    }
}
