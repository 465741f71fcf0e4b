using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace FraudLab.Broker.Protocol;

/// <summary>
/// Builds one response frame (4-byte size, header, body) in pooled buffers. Stored record batches
/// are appended by reference (<see cref="WriteRecords"/>) so a fetch sends them without copying;
/// the frame goes to the socket as a list of segments. Dispose returns every rented buffer.
/// </summary>
internal sealed class ResponseWriter : IDisposable
{
    private const int ChunkSize = 16 * 1024;
    private readonly List<ArraySegment<byte>> _segments = [];
    private readonly List<byte[]> _rented = [];
    private byte[] _chunk;
    private int _chunkStart;
    private int _position;
    private int _sealedLength;

    public ResponseWriter(int correlationId)
    {
        _chunk = Rent(ChunkSize);
        WriteInt32(0); // frame size, patched in Complete
        WriteInt32(correlationId);
    }

    /// <summary>Set for requests that get no answer (produce with acks 0).</summary>
    public bool Suppressed { get; set; }

    public int Length => _sealedLength + _position - _chunkStart;

    public void WriteInt8(sbyte value) => Reserve(1)[0] = (byte)value;

    public void WriteBool(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    public void WriteString(string value) => WriteNullableString(value);

    public void WriteNullableString(string? value)
    {
        if (value is null) { WriteInt16(-1); return; }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt16(checked((short)length));
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteArrayCount(int count) => WriteInt32(count);

    /// <summary>Writes a records field whose content is stored batch bytes, referenced rather than copied when large.</summary>
    public void WriteRecords(ReadOnlyMemory<byte> batches)
    {
        WriteInt32(batches.Length);
        if (batches.Length < 1024) { batches.Span.CopyTo(Reserve(batches.Length)); return; }
        SealChunk();
        _segments.Add(AsSegment(batches));
        _sealedLength += batches.Length;
    }

    /// <summary>Keeps a pooled buffer alive until the frame is sent (batches read from a file).</summary>
    public void Own(byte[] pooled) => _rented.Add(pooled);

    /// <summary>Patches the frame size and returns the segments to send.</summary>
    public IList<ArraySegment<byte>> Complete()
    {
        SealChunk();
        BinaryPrimitives.WriteInt32BigEndian(_segments[0].AsSpan(), Length - 4);
        return _segments;
    }

    public void Dispose()
    {
        foreach (var buffer in _rented) ArrayPool<byte>.Shared.Return(buffer);
        _rented.Clear();
    }

    private Span<byte> Reserve(int length)
    {
        if (_position + length > _chunk.Length)
        {
            SealChunk();
            _chunk = Rent(Math.Max(ChunkSize, length));
            _chunkStart = _position = 0;
        }
        var span = _chunk.AsSpan(_position, length);
        _position += length;
        return span;
    }

    private void SealChunk()
    {
        if (_position == _chunkStart) return;
        _segments.Add(new ArraySegment<byte>(_chunk, _chunkStart, _position - _chunkStart));
        _sealedLength += _position - _chunkStart;
        _chunkStart = _position;
    }

    private byte[] Rent(int size)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        _rented.Add(buffer);
        return buffer;
    }

    private static ArraySegment<byte> AsSegment(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
            ? segment
            : new ArraySegment<byte>(memory.ToArray());
}
