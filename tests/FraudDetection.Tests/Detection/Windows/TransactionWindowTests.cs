using FraudDetection.Detection.Windows;

namespace FraudDetection.Tests.Detection.Windows;

public sealed class TransactionWindowTests
{
    private static WindowEntry Entry(long ticks, decimal amount = 1m, double lat = double.NaN) => new(ticks, amount, lat, lat);

    [Fact]
    public void Keeps_entries_in_time_order_and_arrival_order_among_equals()
    {
        var window = new TransactionWindow();

        Assert.Equal(0, window.Insert(Entry(10, 1)));
        Assert.Equal(1, window.Insert(Entry(30, 2)));
        Assert.Equal(1, window.Insert(Entry(20, 3)));
        Assert.Equal(2, window.Insert(Entry(20, 4)));

        Assert.Equal([1m, 3m, 4m, 2m], Enumerable.Range(0, window.Count).Select(i => window[i].Amount));
    }

    [Fact]
    public void Finds_the_first_entry_at_or_after_a_time()
    {
        var window = new TransactionWindow();
        foreach (var ticks in new long[] { 10, 20, 20, 30 })
        {
            window.Insert(Entry(ticks));
        }

        Assert.Equal(0, window.FirstAtOrAfter(5));
        Assert.Equal(1, window.FirstAtOrAfter(20));
        Assert.Equal(3, window.FirstAtOrAfter(21));
        Assert.Equal(4, window.FirstAtOrAfter(31));
    }

    [Fact]
    public void Eviction_keeps_the_newest_evicted_location_and_shrinks_the_buffer()
    {
        var window = new TransactionWindow();
        for (var i = 0; i < 64; i++)
        {
            window.Insert(Entry(i, lat: i % 2 == 0 ? i : double.NaN));
        }

        var capacity = window.Capacity;
        var last = WindowEntry.None;

        Assert.Equal(60, window.EvictBefore(60, ref last));
        Assert.Equal(58, last.Ticks);
        Assert.Equal(4, window.Count);
        Assert.True(window.Capacity < capacity);
        Assert.Equal(60, window[0].Ticks);
    }

    [Fact]
    public void Wraps_around_the_ring_without_losing_order()
    {
        var window = new TransactionWindow();
        var last = WindowEntry.None;
        for (var i = 0; i < 1000; i++)
        {
            window.Insert(Entry(i));
            window.EvictBefore(i - 5, ref last);
            if (i % 7 == 0)
            {
                window.Insert(Entry(i - 2)); // out of order
            }
        }

        var ticks = Enumerable.Range(0, window.Count).Select(i => window[i].Ticks).ToArray();
        Assert.Equal(ticks.Order(), ticks);
        Assert.All(ticks, t => Assert.True(t >= 994));
    }
}
