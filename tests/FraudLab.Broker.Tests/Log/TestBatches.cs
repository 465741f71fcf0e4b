using System.Buffers.Binary;
using FraudLab.Broker.Log;

namespace FraudLab.Broker.Tests.Log;

/// <summary>Builds record batch v2 bytes with a correct header and CRC around an opaque payload (the broker never reads records).</summary>
public static class TestBatches
{
    public static byte[] Create(int records, long timestamp = 1_700_000_000_000, long producerId = -1, short epoch = -1, int baseSequence = -1, int payloadBytes = 40) =>
        Build(records, timestamp, timestamp, producerId, epoch, baseSequence, new byte[payloadBytes]);

    /// <summary>An uncompressed batch of real records (no key, empty value) stamped with the given times.</summary>
    public static byte[] WithRecordTimestamps(params long[] timestamps)
    {
        var records = new List<byte>();
        for (var i = 0; i < timestamps.Length; i++)
        {
            var record = new List<byte> { 0 }; // attributes
            record.AddRange(VarLong(timestamps[i] - timestamps[0]));
            record.AddRange(VarLong(i)); // offset delta
            record.AddRange(VarLong(-1)); // null key
            record.AddRange(VarLong(0)); // empty value
            record.AddRange(VarLong(0)); // no headers
            records.AddRange(VarLong(record.Count));
            records.AddRange(record);
        }
        return Build(timestamps.Length, timestamps[0], timestamps.Max(), -1, -1, -1, [.. records]);
    }

    private static IEnumerable<byte> VarLong(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        do
        {
            var b = (byte)(zigzag & 0x7f);
            zigzag >>= 7;
            yield return zigzag == 0 ? b : (byte)(b | 0x80);
        }
        while (zigzag != 0);
    }

    private static byte[] Build(int records, long baseTimestamp, long maxTimestamp, long producerId, short epoch, int baseSequence, byte[] payload)
    {
        var bytes = new byte[RecordBatch.HeaderLength + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), bytes.Length - RecordBatch.LogOverhead);
        bytes[16] = 2;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(23), records - 1);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(27), baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(35), maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(43), producerId);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(51), epoch);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(53), baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(57), records);
        payload.CopyTo(bytes, RecordBatch.HeaderLength);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(21)));
        return bytes;
    }
}
