using System.Buffers.Binary;
using System.Text;

namespace FraudLab.Broker.Protocol;

/// <summary>
/// Reads Kafka's non-flexible primitive types (big-endian ints, int16-prefixed strings,
/// int32-prefixed bytes and arrays) from a request body. Running past the end throws
/// <see cref="MalformedRequestException"/> naming the field, so a bad request never reads garbage.
/// </summary>
internal ref struct KafkaReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;

    /// <summary>Bytes consumed so far.</summary>
    public int Position { get; private set; }

    public readonly int Remaining => _buffer.Length - Position;

    public sbyte ReadInt8() => (sbyte)Take(1, "int8")[0];

    public bool ReadBool() => Take(1, "boolean")[0] != 0;

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2, "int16"));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "int32"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "int64"));

    public string ReadString() =>
        ReadNullableString() ?? throw new MalformedRequestException($"null string at byte {Position}");

    public string? ReadNullableString()
    {
        var length = ReadInt16();
        if (length < 0) return null;
        return Encoding.UTF8.GetString(Take(length, "string"));
    }

    /// <summary>An int32-prefixed byte field as a copy (group metadata, assignments).</summary>
    public byte[] ReadBytes() => ReadNullableBytesRange() is { } range ? _buffer[range].ToArray() : [];

    /// <summary>Where an int32-prefixed byte field sits in the body, without copying it (records).</summary>
    public Range? ReadNullableBytesRange()
    {
        var length = ReadInt32();
        if (length < 0) return null;
        var start = Position;
        Take(length, "bytes");
        return start..Position;
    }

    /// <summary>An array count; -1 (null) reads as -1, anything larger than the bytes left is malformed.</summary>
    public int ReadArrayCount()
    {
        var count = ReadInt32();
        if (count < -1 || count > Remaining)
            throw new MalformedRequestException($"array count {count} at byte {Position - 4} exceeds the request");
        return count;
    }

    public List<string> ReadStringArray()
    {
        var count = ReadArrayCount();
        var items = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++) items.Add(ReadString());
        return items;
    }

    public List<int> ReadInt32Array()
    {
        var count = ReadArrayCount();
        var items = new List<int>(Math.Max(count, 0));
        for (var i = 0; i < count; i++) items.Add(ReadInt32());
        return items;
    }

    private ReadOnlySpan<byte> Take(int length, string what)
    {
        if (length > Remaining)
            throw new MalformedRequestException($"{what} of {length} bytes at byte {Position} runs past the end ({_buffer.Length} bytes)");
        var span = _buffer.Slice(Position, length);
        Position += length;
        return span;
    }
}
