using System.Text;

namespace FraudDetection.Model;

/// <summary>
/// A small, fixed-size cache from short ASCII UTF-8 values to strings, so low-cardinality text (currency, country,
/// city, device) is not allocated again for every event. Direct-mapped: a
/// value's hash picks one slot and a miss simply replaces it, so memory is bounded by the slot count whatever the
/// input, and a lookup never does more than one comparison. Returns strings equal to a fresh decode; only
/// allocations change. Not for per-account values (names, e-mails): with thousands of accounts they miss, and a
/// miss costs more than the allocation it tries to save (measured). Not thread-safe: use one per thread.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>Longer values are decoded directly: they rarely repeat and would cost more to hash and compare.</summary>
    public const int MaxLength = 32;

    private const int SlotCount = 1024;

    private readonly string?[] slots = new string?[SlotCount];

    /// <summary>
    /// The string for short ASCII <paramref name="utf8"/> (from the cache when it was the last value in its slot);
    /// false for anything else, which the caller decodes (and validates) itself.
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string value)
    {
        value = string.Empty;
        if (utf8.Length > MaxLength)
        {
            return false;
        }

        // One loop hashes and checks for ASCII; the values are short, so a simple multiplicative hash is enough.
        uint hash = (uint)utf8.Length, seen = 0;
        foreach (var b in utf8)
        {
            hash = (hash * 31) + b;
            seen |= b;
        }

        if (seen >= 0x80)
        {
            return false;
        }

        ref var slot = ref slots[(hash ^ (hash >> 10)) & (SlotCount - 1)];
        if (slot is not { } cached || cached.Length != utf8.Length || !Ascii.Equals(utf8, cached))
        {
            cached = slot = Encoding.ASCII.GetString(utf8);
        }

        value = cached;
        return true;
    }
}
