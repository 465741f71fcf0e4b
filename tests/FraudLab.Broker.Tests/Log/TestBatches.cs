using System.Buffers.Binary;
using FraudLab.Broker.Log;

namespace FraudLab.Broker.Tests.Log;

/// <summary>Builds record batch v2 bytes with a correct header and CRC around an opaque payload (the broker never reads records).</summary>
public static class TestBatches
{
    public static byte[] Create(int records, long timestamp = 1_700_000_000_000, long producerId = -1, short epoch = -1, int baseSequence = -1, int payloadBytes = 40)
    {
        var bytes = new byte[RecordBatch.HeaderLength + payloadBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), bytes.Length - RecordBatch.LogOverhead);
        bytes[16] = 2;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(23), records - 1);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(27), timestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(35), timestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(43), producerId);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(51), epoch);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(53), baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(57), records);
        bytes.AsSpan(RecordBatch.HeaderLength).Fill(0x5a);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(21)));
        return bytes;
    }
}
