namespace FraudLab.Broker.Log;

/// <summary>
/// Segment bytes in memory (in-memory mode), in 1 MiB chunks so growth never copies what is stored.
/// Appends never straddle chunks, so a chunk always ends on a batch boundary and reads hand out
/// slices of the chunk itself (zero copy): a read returns whole batches up to its chunk's end at most.
/// Written bytes never change, so readers need no lock once the length is published.
/// </summary>
internal sealed class MemorySegmentStorage : ISegmentStorage
{
    private const int ChunkBytes = 1024 * 1024;
    private readonly List<Chunk> _chunks = [];
    private long _length;

    private sealed class Chunk(long start, int capacity)
    {
        public readonly long Start = start;
        public readonly byte[] Bytes = new byte[capacity];
        public int Used;
    }

    public long Length => Volatile.Read(ref _length);

    public void Append(ReadOnlySpan<byte> data)
    {
        var chunk = _chunks.Count > 0 ? _chunks[^1] : null;
        if (chunk is null || chunk.Bytes.Length - chunk.Used < data.Length)
        {
            chunk = new Chunk(_length, Math.Max(ChunkBytes, data.Length));
            lock (_chunks) _chunks.Add(chunk);
        }
        data.CopyTo(chunk.Bytes.AsSpan(chunk.Used));
        chunk.Used += data.Length;
        Volatile.Write(ref _length, _length + data.Length);
    }

    public ReadOnlyMemory<byte> Read(long position, int length, out byte[]? pooled)
    {
        pooled = null;
        Chunk chunk;
        lock (_chunks) chunk = _chunks[FindChunk(position)];
        var offset = (int)(position - chunk.Start);
        return chunk.Bytes.AsMemory(offset, (int)Math.Min(length, chunk.Start + chunk.Used - position));
    }

    /// <summary>Only recovery truncates, and memory segments are never recovered.</summary>
    public void Truncate(long length) => throw new NotSupportedException("in-memory segments are never recovered");

    public void Flush() { }

    public void Delete()
    {
        lock (_chunks) _chunks.Clear();
    }

    public void Dispose() { }

    private int FindChunk(long position)
    {
        int lo = 0, hi = _chunks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_chunks[mid].Start <= position) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
