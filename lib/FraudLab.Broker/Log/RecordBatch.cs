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

    /// <summary>A control batch (transaction marker): written by the broker, skipped by consumers.</summary>
    public bool IsControl => (Attributes & 0x20) != 0;

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

    /// <summary>Length of the control batch <see cref="WriteControlBatch"/> writes.</summary>
    public const int ControlBatchLength = HeaderLength + 17;

    /// <summary>
    /// Writes a transaction marker (commit or abort) of one producer: a transactional control batch with one record
    /// whose key is (version 0, type 1 commit / 0 abort) and value (version 0, coordinator epoch), as Kafka writes it.
    /// The base offset is assigned on append.
    /// </summary>
    public static byte[] WriteControlBatch(long producerId, short producerEpoch, bool commit, int coordinatorEpoch, long timestamp)
    {
        var b = new byte[ControlBatchLength];
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), ControlBatchLength - LogOverhead);
        b[16] = 2; // magic
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(21), 0x30); // transactional | control
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(23), 0); // last offset delta
        BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(27), timestamp);
        BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(35), timestamp);
        BinaryPrimitives.WriteInt64BigEndian(b.AsSpan(43), producerId);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(51), producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(53), -1); // base sequence
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(57), 1); // one record
        var r = b.AsSpan(HeaderLength);
        r[0] = 16 << 1; // record length (zigzag varint)
        r[1] = 0; // attributes
        r[2] = 0; // timestamp delta
        r[3] = 0; // offset delta
        r[4] = 4 << 1; // key length
        BinaryPrimitives.WriteInt16BigEndian(r[5..], 0); // key version
        BinaryPrimitives.WriteInt16BigEndian(r[7..], commit ? (short)1 : (short)0);
        r[9] = 6 << 1; // value length
        BinaryPrimitives.WriteInt16BigEndian(r[10..], 0); // value version
        BinaryPrimitives.WriteInt32BigEndian(r[12..], coordinatorEpoch);
        r[16] = 0; // no headers
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(17), Crc32C.Compute(b.AsSpan(CrcStart)));
        return b;
    }

    /// <summary>The marker type of a control batch: true commit, false abort, null when its key cannot be read.</summary>
    public static bool? ReadControlType(ReadOnlySpan<byte> bytes)
    {
        var batch = Parse(bytes);
        var records = bytes[HeaderLength..batch.TotalLength];
        if (batch.RecordCount < 1 || records.IsEmpty) return null;
        ReadVarLong(ref records); // record length
        if (records.IsEmpty) return null;
        records = records[1..]; // attributes
        ReadVarLong(ref records); // timestamp delta
        ReadVarLong(ref records); // offset delta
        var keyLength = ReadVarLong(ref records);
        if (keyLength < 4 || records.Length < 4) return null;
        return BinaryPrimitives.ReadInt16BigEndian(records[2..]) switch { 1 => true, 0 => false, _ => null };
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
