using System.Net.Sockets;
using System.Text;

namespace FraudLab.Testing;

/// <summary>Answers "is there a Docker engine?" by pinging its API socket, for tests that need Testcontainers.</summary>
public static class DockerEngine
{
    private const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>Null when an engine answers <c>GET /_ping</c>; otherwise the reason to skip with.</summary>
    public static async Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken = default)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is null ? DefaultSocket : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (socketPath is null)
        {
            // A TCP DOCKER_HOST: let Testcontainers try it and fail loudly if it does not answer.
            return null;
        }

        if (!File.Exists(socketPath))
        {
            return $"no Docker engine here ({socketPath} does not exist)";
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            var buffer = new byte[512];
            var read = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.Contains(" 200 ", StringComparison.Ordinal) ? null : $"the Docker engine at {socketPath} did not answer /_ping with 200";
        }
        catch (SocketException ex)
        {
            return $"no Docker engine answers at {socketPath} ({ex.SocketErrorCode})";
        }
    }
}
