using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FraudLab.Broker.Security;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Server;

/// <summary>The TCP listener: accepts clients (TCP_NODELAY) and runs one <see cref="ClientConnection"/> each until stopped.</summary>
internal sealed class KafkaServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private ApiRegistry _apis = null!;
    private readonly int _maxFrameBytes;
    private readonly ListenerSecurity _security;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ClientConnection, Task> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Binds and listens at once (so a taken port fails here); clients are served from <see cref="Start"/>.</summary>
    public KafkaServer(IPEndPoint endpoint, int maxFrameBytes, ListenerSecurity security, ILoggerFactory loggers)
    {
        _maxFrameBytes = maxFrameBytes;
        _security = security;
        _loggers = loggers;
        _logger = loggers.CreateLogger<KafkaServer>();
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(endpoint);
        _listener.Listen(512);
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint Endpoint { get; }

    public void Start(ApiRegistry apis)
    {
        _apis = apis;
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        var connectionLogger = _loggers.CreateLogger<ClientConnection>();
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e)
            {
                _logger.LogWarning("Accepting a client failed: {Message}", e.Message);
                continue;
            }
            client.NoDelay = true;
            var connection = new ClientConnection(client, _apis, _maxFrameBytes, _security, connectionLogger);
            _connections[connection] = Task.Run(async () =>
            {
                try { await connection.RunAsync(ct).ConfigureAwait(false); }
                finally { _connections.TryRemove(connection, out _); }
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Stops accepting and closes every client socket at once (a response still being sent is cut:
    /// clients retry, and idempotent producers are deduplicated), then waits for the connections to end.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _connections.Keys) connection.Abort();
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
