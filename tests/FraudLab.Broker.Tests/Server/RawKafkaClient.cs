using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace FraudLab.Broker.Tests.Server;

/// <summary>A bare TCP client that sends hand-made frames, to test what real clients never send.</summary>
public sealed class RawKafkaClient : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<RawKafkaClient> ConnectAsync(KafkaBroker broker, CancellationToken ct)
    {
        var client = new RawKafkaClient();
        await client._client.ConnectAsync(broker.Endpoint, ct);
        client._stream = client._client.GetStream();
        return client;
    }

    /// <summary>A request frame: size, header v1 (key, version, correlation id, client id "raw"), body.</summary>
    public static byte[] Frame(short apiKey, short version, int correlationId, ReadOnlySpan<byte> body)
    {
        var header = new byte[10 + 3];
        BinaryPrimitives.WriteInt16BigEndian(header, apiKey);
        BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(2), version);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), correlationId);
        BinaryPrimitives.WriteInt16BigEndian(header.AsSpan(8), 3);
        Encoding.ASCII.GetBytes("raw", header.AsSpan(10));
        var frame = new byte[4 + header.Length + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, header.Length + body.Length);
        header.CopyTo(frame, 4);
        body.CopyTo(frame.AsSpan(4 + header.Length));
        return frame;
    }

    public async Task SendAsync(byte[] bytes, CancellationToken ct) => await _stream.WriteAsync(bytes, ct);

    /// <summary>The next response: correlation id and body, or null when the broker closed the connection.</summary>
    public async Task<(int CorrelationId, byte[] Body)?> ReceiveAsync(CancellationToken ct)
    {
        var size = new byte[4];
        if (!await ReadExactlyAsync(size, ct)) return null;
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        if (!await ReadExactlyAsync(frame, ct)) return null;
        return (BinaryPrimitives.ReadInt32BigEndian(frame), frame[4..]);
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken ct)
    {
        try
        {
            await _stream.ReadExactlyAsync(buffer, ct);
            return true;
        }
        catch (EndOfStreamException) { return false; }
        catch (IOException) { return false; }
    }

    public void Dispose() => _client.Dispose();
}
