using FraudDetection.Detection.Windows;
using FraudDetection.Model;

namespace FraudDetection.Tests.Detection.Windows;

public sealed class EventTimeOrdererTests
{
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(30);

    [Fact]
    public void Holds_events_until_the_account_watermark_passes_them()
    {
        var orderer = new EventTimeOrderer(Lateness);
        var released = new List<Transaction>();
        var a = Tx.At(1, 10);
        var b = Tx.At(1, 0);
        var c = Tx.At(1, 41);

        orderer.Add(a, released);
        orderer.Add(b, released);
        Assert.Empty(released);

        orderer.Add(c, released); // watermark 11 s: 0 and 10 are final
        Assert.Equal([b, a], released);
        Assert.Equal(1, orderer.Count);
    }

    [Fact]
    public void An_event_at_the_watermark_is_still_held()
    {
        var orderer = new EventTimeOrderer(Lateness);
        var released = new List<Transaction>();

        orderer.Add(Tx.At(1, 0), released);
        orderer.Add(Tx.At(1, 30), released);

        Assert.Empty(released);
    }

    [Fact]
    public void Events_behind_the_watermark_pass_straight_through_after_their_account()
    {
        var orderer = new EventTimeOrderer(Lateness);
        var released = new List<Transaction>();
        var newest = Tx.At(1, 100);
        var other = Tx.At(2, 100);
        orderer.Add(newest, released);
        orderer.Add(other, released);
        var late = Tx.At(1, 10);

        orderer.Add(late, released);

        Assert.Equal([newest, late], released);
        Assert.Equal(1, orderer.Count);
    }

    [Fact]
    public void Equal_times_are_released_in_transaction_id_order_and_accounts_independently()
    {
        var orderer = new EventTimeOrderer(Lateness);
        var released = new List<Transaction>();
        var second = Tx.At(1, 5) with { TransactionId = "00000000000000ff" };
        var first = Tx.At(1, 5) with { TransactionId = "0000000000000001" };
        var other = Tx.At(2, 0);

        orderer.Add(second, released);
        orderer.Add(first, released);
        orderer.Add(other, released);
        orderer.Add(Tx.At(1, 1000), released);

        Assert.Equal([first, second], released);
        released.Clear();
        orderer.Flush(released);
        Assert.Equal(2, released.Count);
        Assert.Contains(other, released);
        Assert.Equal(0, orderer.Count);
    }
}
