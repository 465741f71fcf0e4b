using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using FraudLab.Broker.Protocol;
using FraudLab.Broker.Protocol.Apis;
using FraudLab.Broker.Security;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Server;

/// <summary>
/// One client socket: reads size-prefixed request frames and answers them strictly in order (as a Kafka
/// broker does per connection). Bad input (oversized or malformed frames, handler failures) closes only
/// this connection, with one log line naming the API and version; unsupported versions get an error answer.
/// On a TLS listener the TLS handshake comes first; on a SASL listener nothing but ApiVersions and the SASL
/// APIs is served until the client has authenticated, and a failed authentication closes the connection.
/// </summary>
internal sealed class ClientConnection(Socket socket, ApiRegistry apis, int maxFrameBytes, ListenerSecurity security, ILogger logger)
{
    private static readonly TimeSpan TlsHandshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly SaslSession? _sasl = security.RequiresSasl ? new SaslSession(security) : null;
    private SslStream? _tls;
    private bool _refused;
    private readonly string _remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
    // Kafka reports a member's host as "/address".
    private readonly string _clientHost = "/" + ((socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address.ToString() ?? "unknown");
    private string? _clientId;
    private long _requests;

    public async Task RunAsync(CancellationToken ct)
    {
        logger.LogInformation("Client {Remote} connected", _remote);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (security.Certificate is not null)
        {
            _tls = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = _tls;
            if (!await TlsHandshakeAsync(ct).ConfigureAwait(false))
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }
        }
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        string? badInput = null;
        var reason = "client closed the connection";
        try
        {
            while (badInput is null)
            {
                var read = await input.ReadAsync(ct).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (badInput is null && buffer.Length >= 4)
                {
                    var size = ReadSize(buffer);
                    if (size > maxFrameBytes || size < RequestHeader.FixedLength)
                        badInput = $"frame size {size} is outside {RequestHeader.FixedLength}..{maxFrameBytes} bytes (MaxFrameBytes)";
                    else if (buffer.Length < 4L + size) break;
                    else
                    {
                        badInput = await ServeAsync(buffer.Slice(4, size), ct).ConfigureAwait(false);
                        buffer = buffer.Slice(4L + size);
                    }
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    if (buffer.Length > 0) badInput ??= $"connection closed mid-frame ({buffer.Length} bytes of a request unread)";
                    break;
                }
            }
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            reason = "broker stopping";
        }
        catch (IOException e) { reason = e.InnerException?.Message ?? e.Message; }
        catch (SocketException e) { reason = e.Message; }
        finally
        {
            // Logged before the socket closes, so whoever sees the close can already read why.
            if (badInput is not null && _refused)
                logger.LogWarning("Client {Remote} ({ClientId}) refused on this {Protocol} listener: {Problem}", _remote, _clientId, security.Protocol, badInput);
            else if (badInput is not null)
                logger.LogWarning("Client {Remote} ({ClientId}) disconnected on bad input: {Problem}", _remote, _clientId, badInput);
            else
                logger.LogDebug("Client {Remote} ({ClientId}) disconnected after {Requests} requests: {Reason}", _remote, _clientId, _requests, reason);
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The TLS handshake; false (after one warning) when the client does not complete it, e.g. a plaintext client.</summary>
    private async Task<bool> TlsHandshakeAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TlsHandshakeTimeout);
        try
        {
            await _tls!.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificateContext = security.Certificate, ClientCertificateRequired = false },
                timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested)
                logger.LogWarning("Client {Remote} failed the TLS handshake on this {Protocol} listener (a client without security.protocol={Protocol}?): {Message}",
                    _remote, security.Protocol, security.Protocol, e is OperationCanceledException ? $"no handshake within {TlsHandshakeTimeout.TotalSeconds:0} s" : e.InnerException?.Message ?? e.Message);
            return false;
        }
    }

    private async ValueTask SendAsync(IList<ArraySegment<byte>> segments)
    {
        if (_tls is null)
        {
            await socket.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
            return;
        }
        // One write (so one or few TLS records) for a frame of many small segments; large frames go segment by segment.
        var total = 0;
        foreach (var segment in segments) total += segment.Count;
        if (segments.Count == 1 || total > 256 * 1024)
        {
            foreach (var segment in segments) await _tls.WriteAsync(segment).ConfigureAwait(false);
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var at = 0;
            foreach (var segment in segments)
            {
                segment.AsSpan().CopyTo(buffer.AsSpan(at));
                at += segment.Count;
            }
            await _tls.WriteAsync(buffer.AsMemory(0, total)).ConfigureAwait(false);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>After SaslHandshake v0: a bare SASL token in, a bare token out (4-byte size, no header).</summary>
    private async ValueTask<string?> ServeRawTokenAsync(ReadOnlySequence<byte> frame)
    {
        byte[] answer;
        try { answer = _sasl!.Step(frame.ToArray()); }
        catch (ScramFailedException e)
        {
            _refused = true;
            return $"{_sasl!.Exchange!.Mechanism.Name} authentication failed for user '{_sasl.Exchange.User}': {e.Message}";
        }
        var framed = new byte[4 + answer.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed, answer.Length);
        answer.CopyTo(framed, 4);
        await SendAsync([new ArraySegment<byte>(framed)]).ConfigureAwait(false);
        LogIfAuthenticated();
        return null;
    }

    private void LogIfAuthenticated()
    {
        if (_sasl is { Authenticated: true, User: { } user })
            logger.LogInformation("Client {Remote} authenticated as '{User}' with {Mechanism}", _remote, user, _sasl.Exchange!.Mechanism.Name);
    }

    /// <summary>Closes the socket under a running connection (broker stopping); its loop then ends.</summary>
    public void Abort() => socket.Dispose();

    private static int ReadSize(ReadOnlySequence<byte> buffer)
    {
        Span<byte> size = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(size);
        return BinaryPrimitives.ReadInt32BigEndian(size);
    }

    /// <summary>Serves one request; returns why the connection must close, or null to go on.</summary>
    private async ValueTask<string?> ServeAsync(ReadOnlySequence<byte> frame, CancellationToken ct)
    {
        if (_sasl is { ExpectsRawTokens: true }) return await ServeRawTokenAsync(frame).ConfigureAwait(false);
        var length = (int)frame.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        frame.CopyTo(rented);
        RequestHeader header = default;
        var what = "request header";
        try
        {
            var reader = new KafkaReader(rented.AsSpan(0, length));
            header = RequestHeader.Read(ref reader);
            what = $"{header.ApiKey} v{header.ApiVersion} request (correlation id {header.CorrelationId})";
            _clientId ??= header.ClientId;
            _requests++;
            if (_sasl is { Authenticated: false } && header.ApiKey is not (ApiKey.ApiVersions or ApiKey.SaslHandshake or ApiKey.SaslAuthenticate))
            {
                _refused = true;
                return $"{what} before SASL authentication (authenticate with SCRAM-SHA-512 or SCRAM-SHA-256 first)";
            }
            var wasAuthenticated = _sasl?.Authenticated;
            using var response = new ResponseWriter(header.CorrelationId);
            var handler = apis.Find(header.ApiKey, header.ApiVersion);
            if (handler is null)
            {
                // ApiVersions above v2 is every modern client's opening move, not a problem worth a warning.
                logger.Log(header.ApiKey == ApiKey.ApiVersions ? LogLevel.Debug : LogLevel.Warning,
                    "Client {Remote} ({ClientId}) asked for unsupported API {ApiKey} v{Version}; answered UNSUPPORTED_VERSION",
                    _remote, _clientId, (short)header.ApiKey, header.ApiVersion);
                ApiVersionsApi.WriteUnsupportedVersion(response);
            }
            else
            {
                var request = new Request(header, rented.AsMemory(reader.Position, length - reader.Position), _clientHost) { Sasl = _sasl };
                await handler.HandleAsync(request, response, ct).ConfigureAwait(false);
            }
            if (!response.Suppressed) await SendAsync(response.Complete()).ConfigureAwait(false);
            if (_sasl?.CloseReason is { } refusal)
            {
                _refused = true;
                return refusal;
            }
            if (wasAuthenticated == false) LogIfAuthenticated();
            return null;
        }
        catch (MalformedRequestException e)
        {
            return $"malformed {what}: {e.Message}";
        }
        catch (Exception e) when (e is not (OperationCanceledException or SocketException or IOException or ObjectDisposedException))
        {
            logger.LogError(e, "{Request} from {Remote} ({ClientId}) failed", what, _remote, _clientId);
            return $"{what} failed: {e.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
