using System.Globalization;
using FraudDetection.LocalStack;

namespace FraudLab.Testing;

/// <summary>Finds live processes by command-line markers, to prove that nothing was left behind.</summary>
public static class ProcessSearch
{
    /// <summary>Pids of running processes whose command line carries every marker.</summary>
    public static IReadOnlyList<int> Find(params string[] markers) =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && ProcessTable.Matches(pid, markers))
            .ToList();
}
