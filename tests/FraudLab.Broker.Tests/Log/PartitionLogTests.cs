using FraudLab.Broker.Log;
using FraudLab.Broker.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FraudLab.Broker.Tests.Log;

public sealed class PartitionLogTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-05-01T00:00:00Z"));

    private PartitionLog NewLog(long segmentBytes = 1024) =>
        new("t", 0, new MemoryLogDirectory(), _time, NullLogger.Instance) { SegmentBytes = segmentBytes };

    [Fact]
    public void AssignsConsecutiveOffsetsAcrossBatches()
    {
        using var log = NewLog();
        Assert.Equal(0, log.Append(TestBatches.Create(records: 3)).BaseOffset);
        Assert.Equal(3, log.Append(TestBatches.Create(records: 2)).BaseOffset);
        Assert.Equal(5, log.HighWatermark);
    }

    [Fact]
    public void ReadsWholeBatchesFromTheOneHoldingTheOffset()
    {
        using var log = NewLog();
        var first = TestBatches.Create(records: 3);
        log.Append(first);
        log.Append(TestBatches.Create(records: 3));

        var data = log.Read(4, maxBytes: 1);
        Assert.Equal(ErrorCode.None, data.ErrorCode);
        Assert.Null(RecordBatch.Validate(data.Bytes.Span, out var batch));
        Assert.Equal(3, batch.BaseOffset);
        Assert.Equal(first.Length * 2, log.Read(0, maxBytes: 10_000).Bytes.Length);
        Assert.Equal(0, log.Read(6, 10_000).Bytes.Length);
        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(7, 10_000).ErrorCode);
    }

    [Fact]
    public void RefusesACorruptBatchAndStoresNothing()
    {
        using var log = NewLog();
        var bytes = TestBatches.Create(records: 1);
        bytes[^1] ^= 1;
        var result = log.Append(bytes);
        Assert.Equal(ErrorCode.CorruptMessage, result.ErrorCode);
        Assert.Contains("CRC32C", result.Message);
        Assert.Equal(0, log.HighWatermark);
    }

    [Fact]
    public void AnswersARetriedIdempotentBatchWithItsOriginalOffsetAndRefusesGaps()
    {
        using var log = NewLog();
        Assert.Equal(0, log.Append(TestBatches.Create(records: 2, producerId: 7, epoch: 0, baseSequence: 0)).BaseOffset);
        Assert.Equal(2, log.Append(TestBatches.Create(records: 1, producerId: 7, epoch: 0, baseSequence: 2)).BaseOffset);

        var retried = log.Append(TestBatches.Create(records: 2, producerId: 7, epoch: 0, baseSequence: 0));
        Assert.Equal((ErrorCode.None, 0L), (retried.ErrorCode, retried.BaseOffset));
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, log.Append(TestBatches.Create(records: 1, producerId: 7, epoch: 0, baseSequence: 5)).ErrorCode);
        Assert.Equal(3, log.HighWatermark);
    }

    [Fact]
    public void RetentionBySizeDeletesOldSegmentsAndMovesTheLogStart()
    {
        using var log = NewLog(segmentBytes: 300);
        for (var i = 0; i < 10; i++) log.Append(TestBatches.Create(records: 1, payloadBytes: 100)); // 161 bytes: one batch per segment
        // Like Kafka: delete the oldest segment while the rest still holds at least retention.bytes.
        Assert.Equal(7, log.EnforceRetention(retentionMs: -1, retentionBytes: 400));
        Assert.Equal(7, log.LogStartOffset);
        Assert.Equal(3 * 161, log.SizeBytes);
        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(0, 1000).ErrorCode);
        Assert.Equal(log.LogStartOffset, log.OffsetForTimestamp(-2).Offset);
        Assert.Equal(10, log.HighWatermark);
    }

    [Fact]
    public void RetentionByTimeUsesBrokerTimeOfTheLastWrite()
    {
        using var log = NewLog(segmentBytes: 300);
        log.Append(TestBatches.Create(records: 1, timestamp: 0, payloadBytes: 100)); // an old producer timestamp is not the append time
        Assert.Equal(0, log.EnforceRetention(retentionMs: 60_000, retentionBytes: -1));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, log.EnforceRetention(retentionMs: 60_000, retentionBytes: -1));
        Assert.Equal(1, log.LogStartOffset);
        Assert.Equal(1, log.Append(TestBatches.Create(records: 1)).BaseOffset);
    }

    [Fact]
    public async Task AWaitingReaderWakesOnAppend()
    {
        using var log = NewLog();
        var wait = log.WaitForDataAsync(0);
        Assert.False(wait.IsCompleted);
        log.Append(TestBatches.Create(records: 1));
        await wait.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(log.WaitForDataAsync(0).IsCompleted);
    }
}
