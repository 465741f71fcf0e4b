namespace FraudLab.Broker.Log;

/// <summary>
/// Segment bytes in one growable array (in-memory mode). Reads hand out slices of the array itself:
/// written bytes never change and a grown array keeps a full copy, so readers never need a lock.
/// </summary>
public sealed class MemorySegmentStorage : ISegmentStorage
{
    private byte[] _data = new byte[64 * 1024];
    private long _length;

    public long Length => Volatile.Read(ref _length);

    public void Append(ReadOnlySpan<byte> data)
    {
        var length = (int)_length;
        if (length + data.Length > _data.Length)
        {
            var grown = new byte[Math.Max(_data.Length * 2, length + data.Length)];
            _data.AsSpan(0, length).CopyTo(grown);
            Volatile.Write(ref _data, grown);
        }
        data.CopyTo(_data.AsSpan(length));
        Volatile.Write(ref _length, length + data.Length);
    }

    public ReadOnlyMemory<byte> Read(long position, int length, out byte[]? pooled)
    {
        pooled = null;
        return Volatile.Read(ref _data).AsMemory((int)position, length);
    }

    public void Truncate(long length) => Volatile.Write(ref _length, Math.Min(length, _length));

    public void Flush() { }

    public void Delete() => _data = [];

    public void Dispose() { }
}
