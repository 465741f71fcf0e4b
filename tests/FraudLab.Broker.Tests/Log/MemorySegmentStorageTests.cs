using FraudLab.Broker.Log;

namespace FraudLab.Broker.Tests.Log;

public sealed class MemorySegmentStorageTests
{
    [Fact]
    public void AReadStopsAtTheEndOfAChunkSoItHoldsOnlyWholeBatches()
    {
        var storage = new MemorySegmentStorage();
        var first = Filled(600_000, 1);
        var second = Filled(600_000, 2); // does not fit after the first in a 1 MiB chunk
        storage.Append(first);
        storage.Append(second);

        var read = storage.Read(0, first.Length + second.Length, out var pooled);
        Assert.Null(pooled);
        Assert.Equal(first, read.ToArray());
        Assert.Equal(second, storage.Read(first.Length, second.Length, out _).ToArray());
        Assert.Equal(first.Length + second.Length, storage.Length);
    }

    [Fact]
    public void ABatchLargerThanAChunkGetsAChunkOfItsOwn()
    {
        var storage = new MemorySegmentStorage();
        storage.Append(Filled(10, 1));
        var large = Filled(3_000_000, 3);
        storage.Append(large);
        Assert.Equal(large, storage.Read(10, large.Length, out _).ToArray());
    }

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();
}
