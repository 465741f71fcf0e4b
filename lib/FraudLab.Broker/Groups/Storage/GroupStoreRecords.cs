using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace FraudLab.Broker.Groups;

/// <summary>The record format of <see cref="FileGroupStore"/>'s log. A record is
/// [int32 payload length][uint32 CRC-32 of the payload][payload], little-endian; the payload starts with a kind byte
/// (1 membership, 2 offsets, 3 a topic's offsets deleted) followed by the fields in <see cref="BinaryWriter"/> encoding.</summary>
internal static class GroupStoreRecords
{
    private const int HeaderBytes = 8;
    private const byte MembershipKind = 1;
    private const byte OffsetsKind = 2;
    private const byte OffsetsDeletedKind = 3;

    public enum ReadOutcome
    {
        Applied,

        /// <summary>The record runs past the end of the data: an append that was interrupted.</summary>
        Torn,

        /// <summary>The record is complete but its checksum or content is wrong.</summary>
        Corrupt,
    }

    public static byte[] Membership(string groupId, StoredMembership membership) => Frame(writer =>
    {
        writer.Write(MembershipKind);
        writer.Write(groupId);
        writer.Write(membership.ProtocolType);
        writer.Write(membership.GenerationId);
        WriteNullable(writer, membership.Protocol);
        WriteNullable(writer, membership.LeaderId);
        writer.Write(membership.Members.Count);
        foreach (var member in membership.Members)
        {
            writer.Write(member.MemberId);
            WriteNullable(writer, member.GroupInstanceId);
            writer.Write(member.ClientId);
            writer.Write(member.ClientHost);
            writer.Write(member.SessionTimeoutMs);
            writer.Write(member.RebalanceTimeoutMs);
            WriteBytes(writer, member.Metadata);
            WriteBytes(writer, member.Assignment);
        }
    });

    public static byte[] Offsets(string groupId, IReadOnlyCollection<CommittedOffset> offsets) => Frame(writer =>
    {
        writer.Write(OffsetsKind);
        writer.Write(groupId);
        writer.Write(offsets.Count);
        foreach (var offset in offsets)
        {
            writer.Write(offset.Topic);
            writer.Write(offset.Partition);
            writer.Write(offset.Offset);
            writer.Write(offset.Metadata);
        }
    });

    public static byte[] OffsetsDeleted(string groupId, string topic) => Frame(writer =>
    {
        writer.Write(OffsetsDeletedKind);
        writer.Write(groupId);
        writer.Write(topic);
    });

    /// <summary>Reads the record at the start of <paramref name="data"/> and applies it to <paramref name="target"/>
    /// (nothing is applied unless the whole record is valid).</summary>
    public static ReadOutcome TryApply(ReadOnlySpan<byte> data, GroupStoreState target, out int recordLength, out string problem)
    {
        recordLength = 0;
        if (data.Length < HeaderBytes)
            return Fail(ReadOutcome.Torn, "incomplete record header", out problem);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (payloadLength <= 0)
            return Fail(ReadOutcome.Corrupt, $"invalid record length {payloadLength}", out problem);
        if (payloadLength > data.Length - HeaderBytes)
            return Fail(ReadOutcome.Torn, $"record of {payloadLength} bytes cut short", out problem);
        var payload = data.Slice(HeaderBytes, payloadLength);
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
            return Fail(ReadOutcome.Corrupt, "checksum mismatch", out problem);
        try
        {
            Apply(payload.ToArray(), target);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException or FormatException or DecoderFallbackException)
        {
            return Fail(ReadOutcome.Corrupt, $"unreadable record ({e.Message})", out problem);
        }
        recordLength = HeaderBytes + payloadLength;
        problem = "";
        return ReadOutcome.Applied;
    }

    private static ReadOutcome Fail(ReadOutcome outcome, string description, out string problem)
    {
        problem = description;
        return outcome;
    }

    private static void Apply(byte[] payload, GroupStoreState target)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        var kind = reader.ReadByte();
        var groupId = reader.ReadString();
        switch (kind)
        {
            case MembershipKind:
                var membership = ReadMembership(reader);
                EnsureFullyRead(reader);
                target.ApplyMembership(groupId, membership);
                break;
            case OffsetsKind:
                var offsets = ReadOffsets(reader);
                EnsureFullyRead(reader);
                target.ApplyOffsets(groupId, offsets);
                break;
            case OffsetsDeletedKind:
                var topic = reader.ReadString();
                EnsureFullyRead(reader);
                target.RemoveOffsets(groupId, topic);
                break;
            default:
                throw new InvalidDataException($"unknown record kind {kind}");
        }
    }

    private static StoredMembership ReadMembership(BinaryReader reader)
    {
        var protocolType = reader.ReadString();
        var generationId = reader.ReadInt32();
        var protocol = ReadNullable(reader);
        var leaderId = ReadNullable(reader);
        var members = new List<StoredMember>();
        for (var count = reader.ReadInt32(); members.Count < count;)
            members.Add(new StoredMember(reader.ReadString(), ReadNullable(reader), reader.ReadString(), reader.ReadString(),
                reader.ReadInt32(), reader.ReadInt32(), ReadBytes(reader), ReadBytes(reader)));
        return new StoredMembership(protocolType, generationId, protocol, leaderId, members);
    }

    private static List<CommittedOffset> ReadOffsets(BinaryReader reader)
    {
        var offsets = new List<CommittedOffset>();
        for (var count = reader.ReadInt32(); offsets.Count < count;)
            offsets.Add(new CommittedOffset(reader.ReadString(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadString()));
        return offsets;
    }

    private static void EnsureFullyRead(BinaryReader reader)
    {
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException("trailing bytes after the record");
    }

    private static byte[] Frame(Action<BinaryWriter> writePayload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0L); // header placeholder
            writePayload(writer);
        }
        var record = buffer.ToArray();
        var payload = record.AsSpan(HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(payload));
        return record;
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
            writer.Write(value);
    }

    private static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteBytes(BinaryWriter writer, byte[] value)
    {
        writer.Write(value.Length);
        writer.Write(value);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException("byte field cut short");
    }
}
