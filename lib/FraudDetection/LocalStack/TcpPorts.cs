using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FraudDetection.LocalStack;

/// <summary>Loopback port checks: is a port free, pick a free one, and who holds a taken one (Linux <c>/proc/net/tcp*</c>).</summary>
public static class TcpPorts
{
    private const string ListenState = "0A";

    /// <summary>True when nothing listens on <paramref name="host"/>:<paramref name="port"/> (we could bind it).</summary>
    public static bool IsFree(string host, int port)
    {
        var listener = new TcpListener(ParseHost(host), port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>A port the OS says is free right now (it may be taken again before use; callers retry on conflict).</summary>
    public static int FindFree(string host = "127.0.0.1")
    {
        var listener = new TcpListener(ParseHost(host), 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>True when a TCP connection to <paramref name="host"/>:<paramref name="port"/> is accepted.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>"pid 123 (node …)" for the process listening on <paramref name="port"/>, or null when that cannot be known.</summary>
    public static string? DescribeOwner(int port)
    {
        var inodes = ListeningSocketInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var processDirectory in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(processDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            foreach (var descriptor in SafeEnumerate(Path.Combine(processDirectory, "fd")))
            {
                var target = SafeLinkTarget(descriptor);
                if (target is not null && inodes.Contains(target))
                {
                    return $"pid {pid} ({ProcessTable.Describe(pid)})";
                }
            }
        }

        return null;
    }

    private static IPAddress ParseHost(string host) =>
        host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);

    /// <summary>The "socket:[inode]" names of listening sockets on <paramref name="port"/>, IPv4 and IPv6.</summary>
    private static HashSet<string> ListeningSocketInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(table);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            foreach (var line in lines.Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 10 || columns[3] != ListenState)
                {
                    continue;
                }

                var portHex = columns[1][(columns[1].LastIndexOf(':') + 1)..];
                if (int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{columns[9]}]");
                }
            }
        }

        return inodes;
    }

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? SafeLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
