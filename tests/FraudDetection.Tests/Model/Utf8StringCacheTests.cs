using System.Text;
using FraudDetection.Model;

namespace FraudDetection.Tests.Model;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void A_repeated_value_is_the_same_string_instance()
    {
        var cache = new Utf8StringCache();

        Assert.True(cache.TryGet("Lisbon"u8, out var first));
        Assert.True(cache.TryGet("Lisbon"u8, out var second));

        Assert.Equal("Lisbon", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Every_value_comes_back_equal_to_its_decoding_even_when_slots_collide()
    {
        var cache = new Utf8StringCache();

        // Far more distinct values than slots: collisions replace entries but never return a wrong string.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 20_000; i++)
            {
                var text = $"user{i}@example.com";
                Assert.True(cache.TryGet(Encoding.ASCII.GetBytes(text), out var value));
                Assert.Equal(text, value);
            }
        }
    }

    [Fact]
    public void Non_ascii_and_long_values_are_left_to_the_caller()
    {
        var cache = new Utf8StringCache();

        Assert.False(cache.TryGet("Zoë"u8, out _));
        Assert.False(cache.TryGet(Encoding.ASCII.GetBytes(new string('a', Utf8StringCache.MaxLength + 1)), out _));
        Assert.True(cache.TryGet(Encoding.ASCII.GetBytes(new string('a', Utf8StringCache.MaxLength)), out _));
    }
}
