using FraudLab.Broker.Log;

namespace FraudLab.Broker.Tests.Log;

public sealed class RecordBatchTests
{
    [Fact]
    public void AcceptsAWellFormedBatch()
    {
        var bytes = TestBatches.Create(records: 3);
        Assert.Null(RecordBatch.Validate(bytes, out var batch));
        Assert.Equal(2, batch.LastOffsetDelta);
        Assert.Equal(bytes.Length, batch.TotalLength);
    }

    [Fact]
    public void RejectsAFlippedPayloadByteByCrc()
    {
        var bytes = TestBatches.Create(records: 1);
        bytes[^1] ^= 0xff;
        Assert.Contains("CRC32C mismatch", RecordBatch.Validate(bytes, out _));
    }

    [Fact]
    public void RejectsOldMagicAndBadLengths()
    {
        var oldMagic = TestBatches.Create(records: 1);
        oldMagic[16] = 1;
        Assert.Contains("magic 1", RecordBatch.Validate(oldMagic, out _));
        var cut = TestBatches.Create(records: 1)[..^5];
        Assert.Contains("runs past", RecordBatch.Validate(cut, out _));
        Assert.Contains("shorter than a batch header", RecordBatch.Validate(new byte[10], out _));
        var huge = TestBatches.Create(records: 1);
        huge.AsSpan(8, 4).Fill(0x7f); // batch length near int.MaxValue must not overflow the bounds check
        Assert.Contains("runs past", RecordBatch.Validate(huge, out _));
    }

    [Fact]
    public void OffsetAssignmentLeavesTheCrcValid()
    {
        var bytes = TestBatches.Create(records: 2);
        RecordBatch.AssignOffset(bytes, 12345);
        Assert.Null(RecordBatch.Validate(bytes, out var batch));
        Assert.Equal(12345, batch.BaseOffset);
    }

    [Fact]
    public void FindsTheFirstRecordAtOrAfterATimestampInsideABatch()
    {
        var bytes = TestBatches.WithRecordTimestamps(1000, 2000, 3000, 4000);
        RecordBatch.AssignOffset(bytes, 50);
        Assert.Null(RecordBatch.Validate(bytes, out _));
        Assert.Equal((52L, 3000L), RecordBatch.FindRecordAtOrAfter(bytes, 2500));
        Assert.Equal((50L, 1000L), RecordBatch.FindRecordAtOrAfter(bytes, 0));
        Assert.Null(RecordBatch.FindRecordAtOrAfter(bytes, 5000));
    }

    [Fact]
    public void LeavesCompressedOrGarbledRecordsToTheBatchLevel()
    {
        var compressed = TestBatches.WithRecordTimestamps(1000, 2000);
        compressed[22] |= 0x01; // gzip attribute
        Assert.Null(RecordBatch.FindRecordAtOrAfter(compressed, 1500));
        Assert.Null(RecordBatch.FindRecordAtOrAfter(TestBatches.Create(records: 3), 0)); // opaque payload is not records
    }
}
