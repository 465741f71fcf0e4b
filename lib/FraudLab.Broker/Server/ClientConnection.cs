using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using FraudLab.Broker.Protocol;
using FraudLab.Broker.Protocol.Apis;
using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Server;

/// <summary>
/// One client socket: reads size-prefixed request frames and answers them strictly in order (as a Kafka
/// broker does per connection). Bad input (oversized or malformed frames, handler failures) closes only
/// this connection, with one log line naming the API and version; unsupported versions get an error answer.
/// </summary>
internal sealed class ClientConnection(Socket socket, ApiRegistry apis, int maxFrameBytes, ILogger logger)
{
    private readonly string _remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
    // Kafka reports a member's host as "/address".
    private readonly string _clientHost = "/" + ((socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address.ToString() ?? "unknown");
    private string? _clientId;
    private long _requests;

    public async Task RunAsync(CancellationToken ct)
    {
        logger.LogInformation("Client {Remote} connected", _remote);
        var stream = new NetworkStream(socket, ownsSocket: true);
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
            if (badInput is not null)
                logger.LogWarning("Client {Remote} ({ClientId}) disconnected on bad input: {Problem}", _remote, _clientId, badInput);
            else
                logger.LogDebug("Client {Remote} ({ClientId}) disconnected after {Requests} requests: {Reason}", _remote, _clientId, _requests, reason);
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
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
                var request = new Request(header, rented.AsMemory(reader.Position, length - reader.Position), _clientHost);
                await handler.HandleAsync(request, response, ct).ConfigureAwait(false);
            }
            if (!response.Suppressed) await socket.SendAsync(response.Complete(), SocketFlags.None).ConfigureAwait(false);
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
