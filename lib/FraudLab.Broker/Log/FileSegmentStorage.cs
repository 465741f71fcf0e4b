using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace FraudLab.Broker.Log;

/// <summary>
/// Segment bytes in a file, written with positional writes (one pwrite per batch, no fsync per append:
/// like Kafka, durability against power loss is the OS page cache's job; a torn tail is caught by CRC on start).
/// </summary>
internal sealed class FileSegmentStorage : ISegmentStorage
{
    private readonly SafeFileHandle _handle;
    private long _length;

    public FileSegmentStorage(string path)
    {
        Path = path;
        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        _length = RandomAccess.GetLength(_handle);
    }

    public string Path { get; }

    public long Length => Volatile.Read(ref _length);

    public void Append(ReadOnlySpan<byte> data)
    {
        RandomAccess.Write(_handle, data, _length);
        Volatile.Write(ref _length, _length + data.Length);
    }

    public ReadOnlyMemory<byte> Read(long position, int length, out byte[]? pooled)
    {
        pooled = ArrayPool<byte>.Shared.Rent(length);
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(_handle, pooled.AsSpan(read, length - read), position + read);
            if (n == 0) break;
            read += n;
        }
        return pooled.AsMemory(0, read);
    }

    public void Truncate(long length)
    {
        RandomAccess.SetLength(_handle, length);
        Volatile.Write(ref _length, length);
    }

    public void Flush() => RandomAccess.FlushToDisk(_handle);

    public void Delete()
    {
        _handle.Dispose();
        File.Delete(Path);
    }

    public void Dispose() => _handle.Dispose();
}
