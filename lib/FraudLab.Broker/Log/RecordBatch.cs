using System.Buffers.Binary;

namespace FraudLab.Broker.Log;

/// <summary>
/// The fixed 61-byte header of a record batch (magic 2). The broker never decodes records:
/// it validates the header and CRC, rewrites the base offset and stores the bytes as they came.
/// </summary>
internal readonly record struct RecordBatch(
    long BaseOffset, int BatchLength, sbyte Magic, uint Crc, short Attributes, int LastOffsetDelta,
    long BaseTimestamp, long MaxTimestamp, long ProducerId, short ProducerEpoch, int BaseSequence, int RecordCount)
{
    public const int HeaderLength = 61;
    /// <summary>Bytes before the batch length field ends: base offset (8) + length (4).</summary>
    public const int LogOverhead = 12;
    private const int CrcStart = 21;

    public int TotalLength => LogOverhead + BatchLength;

    public bool IsTransactional => (Attributes & 0x10) != 0;

    public bool IsIdempotent => ProducerId >= 0 && BaseSequence >= 0;

    public int LastSequence => BaseSequence < 0 ? -1 : unchecked(BaseSequence + LastOffsetDelta);

    public static RecordBatch Parse(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadInt64BigEndian(b),
        BinaryPrimitives.ReadInt32BigEndian(b[8..]),
        (sbyte)b[16],
        BinaryPrimitives.ReadUInt32BigEndian(b[17..]),
        BinaryPrimitives.ReadInt16BigEndian(b[21..]),
        BinaryPrimitives.ReadInt32BigEndian(b[23..]),
        BinaryPrimitives.ReadInt64BigEndian(b[27..]),
        BinaryPrimitives.ReadInt64BigEndian(b[35..]),
        BinaryPrimitives.ReadInt64BigEndian(b[43..]),
        BinaryPrimitives.ReadInt16BigEndian(b[51..]),
        BinaryPrimitives.ReadInt32BigEndian(b[53..]),
        BinaryPrimitives.ReadInt32BigEndian(b[57..]));

    /// <summary>
    /// Checks the batch at the start of <paramref name="bytes"/>; returns null when valid, else why not.
    /// With <paramref name="checkCrc"/> false only the framing is checked (fast scans of old segments).
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> bytes, out RecordBatch batch, bool checkCrc = true)
    {
        batch = default;
        if (bytes.Length < HeaderLength) return $"{bytes.Length} bytes left, shorter than a batch header";
        batch = Parse(bytes);
        if (batch.Magic != 2) return $"magic {batch.Magic} (only record batch v2 is supported)";
        if (batch.BatchLength < HeaderLength - LogOverhead) return $"batch length {batch.BatchLength} is too small";
        if (batch.BatchLength > bytes.Length - LogOverhead) return $"batch length {batch.BatchLength} runs past the {bytes.Length} bytes given";
        if (batch.LastOffsetDelta < 0 || batch.RecordCount < 0 || (batch.RecordCount > 0 && batch.LastOffsetDelta + 1 < batch.RecordCount))
            return $"last offset delta {batch.LastOffsetDelta} does not fit {batch.RecordCount} records";
        if (checkCrc)
        {
            var crc = Crc32C.Compute(bytes[CrcStart..batch.TotalLength]);
            if (crc != batch.Crc) return $"CRC32C mismatch (stored {batch.Crc:x8}, computed {crc:x8})";
        }
        return null;
    }

    /// <summary>
    /// Walks the records of an uncompressed batch for the first one stamped at or after <paramref name="timestamp"/>
    /// (offset and timestamp). Null for compressed batches, which the broker never decompresses, or when none is.
    /// </summary>
    public static (long Offset, long Timestamp)? FindRecordAtOrAfter(ReadOnlySpan<byte> bytes, long timestamp)
    {
        var batch = Parse(bytes);
        if ((batch.Attributes & 0x07) != 0) return null;
        var records = bytes[HeaderLength..batch.TotalLength];
        for (var i = 0; i < batch.RecordCount && !records.IsEmpty; i++)
        {
            var length = (int)ReadVarLong(ref records);
            if (length < 3 || length > records.Length) return null; // attributes and two varints at least
            var record = records[..length];
            records = records[length..];
            record = record[1..]; // attributes
            var recordTimestamp = batch.BaseTimestamp + ReadVarLong(ref record);
            var offsetDelta = ReadVarLong(ref record);
            if (recordTimestamp >= timestamp) return (batch.BaseOffset + offsetDelta, recordTimestamp);
        }
        return null;
    }

    /// <summary>A zigzag-encoded variable-length integer, as record fields are written.</summary>
    private static long ReadVarLong(ref ReadOnlySpan<byte> bytes)
    {
        ulong raw = 0;
        for (var shift = 0; shift < 64 && !bytes.IsEmpty; shift += 7)
        {
            var b = bytes[0];
            bytes = bytes[1..];
            raw |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return (long)(raw >> 1) ^ -(long)(raw & 1);
        }
        return -1;
    }

    /// <summary>Assigns the batch its log offsets: base offset and partition leader epoch 0 (both outside the CRC).</summary>
    public static void AssignOffset(Span<byte> bytes, long baseOffset)
    {
        BinaryPrimitives.WriteInt64BigEndian(bytes, baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(bytes[12..], 0);
    }
}
