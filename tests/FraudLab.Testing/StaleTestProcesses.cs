using System.Globalization;
using System.Text.Json;
using FraudDetection.LocalStack;

namespace FraudLab.Testing;

/// <summary>
/// Remembers the child processes a test host started, in a file named after the host's pid, so that a host which died
/// without disposing its fixture (crash, kill -9, debugger stop) leaves nothing running for long: the next fixture to
/// start reaps every record whose host is gone, checking each child's command line before signalling it.
/// </summary>
internal sealed class StaleTestProcesses(string directory)
{
    private sealed record Child(int Pid, IReadOnlyList<string> Markers);

    private string RecordFile => Path.Combine(directory, $"{Environment.ProcessId}-{Guid.NewGuid():N}.json");

    /// <summary>Stops children of dead test hosts and removes their records.</summary>
    public async Task ReapAsync()
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            var hostPid = int.TryParse(Path.GetFileName(file).Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
            if (ProcessTable.IsRunning(hostPid))
            {
                continue;
            }

            foreach (var child in ReadChildren(file).Where(c => ProcessTable.Matches(c.Pid, c.Markers)))
            {
                await ProcessTable.TerminateAsync(child.Pid, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            File.Delete(file);
        }
    }

    /// <summary>Records <paramref name="pid"/> as a child of this host; returns the record to delete once it is stopped.</summary>
    public string Record(int pid, IReadOnlyList<string> markers)
    {
        Directory.CreateDirectory(directory);
        var file = RecordFile;
        File.WriteAllText(file, JsonSerializer.Serialize(new Child(pid, markers)));
        return file;
    }

    private static IEnumerable<Child> ReadChildren(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<Child>(File.ReadAllText(file)) is { } child ? [child] : [];
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return [];
        }
    }
}
