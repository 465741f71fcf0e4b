using System.Runtime.InteropServices;

namespace FraudDetection.LocalStack;

/// <summary>
/// Looks at and stops processes by pid through Linux's <c>/proc</c>, so a later CLI invocation can stop what an
/// earlier one started. A pid alone is not proof of identity (pids are reused), hence <see cref="Matches"/>:
/// a process is only ever signalled when its command line still carries the markers recorded at start.
/// </summary>
public static class ProcessTable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <summary>True when <paramref name="pid"/> exists and is not a zombie (a zombie has already exited).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            // /proc/<pid>/stat: "pid (comm) S ..."; comm may hold spaces or parentheses, so read the state after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not 'Z' and not 'X' and not default(char);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The arguments of <paramref name="pid"/> (argv, including argv[0]); empty when it is gone.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// True when <paramref name="pid"/> runs and every marker is one of its arguments, or the end of a path argument
    /// ("fraudlab.dll" matches "/kit/bin/fraudlab.dll"). Whole arguments only, so port "1909" never matches "19092".
    /// </summary>
    public static bool Matches(int pid, IReadOnlyCollection<string> markers)
    {
        if (!IsRunning(pid))
        {
            return false;
        }

        var arguments = CommandLine(pid);
        return arguments.Count > 0 && markers.All(marker => arguments.Any(argument =>
            argument == marker || argument.EndsWith("/" + marker, StringComparison.Ordinal)));
    }

    /// <summary>The command line as one readable string (for messages).</summary>
    public static string Describe(int pid) => string.Join(' ', CommandLine(pid));

    /// <summary>
    /// SIGTERM, then SIGKILL if the process is still there after <paramref name="grace"/>.
    /// Returns true if the process is gone at the end.
    /// </summary>
    public static async Task<bool> TerminateAsync(int pid, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!IsRunning(pid))
        {
            return true;
        }

        Signal(pid, SigTerm);
        if (await WaitForExitAsync(pid, grace, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        Signal(pid, SigKill);
        return await WaitForExitAsync(pid, KillWait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls until <paramref name="pid"/> is gone or <paramref name="timeout"/> passed; true when gone.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static void Signal(int pid, int signal)
    {
        // ESRCH (already gone) is fine; anything else shows up as "still running" to the caller.
        _ = kill(pid, signal);
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole library; this call is blittable.
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
