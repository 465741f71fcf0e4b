namespace FraudLab.Broker.Log;

/// <summary>The bytes of one log segment: append-only, readable at any position already written.</summary>
internal interface ISegmentStorage : IDisposable
{
    long Length { get; }

    void Append(ReadOnlySpan<byte> data);

    /// <summary>
    /// The bytes [position, position + length). When <paramref name="pooled"/> comes back non-null the
    /// data lives in that ArrayPool buffer and the caller returns it once sent; otherwise it is shared, immutable storage.
    /// </summary>
    ReadOnlyMemory<byte> Read(long position, int length, out byte[]? pooled);

    /// <summary>Cuts a torn tail found during recovery.</summary>
    void Truncate(long length);

    void Flush();

    /// <summary>Closes and removes the segment (retention, topic deletion).</summary>
    void Delete();
}
