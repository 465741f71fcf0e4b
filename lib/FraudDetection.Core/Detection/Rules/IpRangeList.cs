using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// A list of IP addresses and CIDR ranges ("198.51.100.7", "203.0.113.0/24", "2001:db8::/32").
/// Dotted-quad IPv4 text is matched without allocating (prefix and mask as integers), since it runs per transaction;
/// other text goes through <see cref="IPAddress"/>.
/// </summary>
public sealed class IpRangeList
{
    private readonly (uint Prefix, uint Mask, IPNetwork Network)[] v4;
    private readonly IPNetwork[] v6;

    public IpRangeList(IEnumerable<string> entries)
    {
        var parsed = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            parsed.Add(TryParse(entry, out var network)
                ? network
                : throw new ArgumentException($"'{entry}' is not an IP address or CIDR range", nameof(entries)));
        }

        v4 = [.. parsed.Where(n => n.BaseAddress.AddressFamily == AddressFamily.InterNetwork).Select(n => (ToUInt(n.BaseAddress), MaskOf(n.PrefixLength), n))];
        v6 = [.. parsed.Where(n => n.BaseAddress.AddressFamily != AddressFamily.InterNetwork)];
    }

    public bool IsEmpty => v4.Length == 0 && v6.Length == 0;

    /// <summary>The entry containing the address written as <paramref name="address"/>, if any; text that is not an address matches nothing.</summary>
    public bool TryMatch(string address, out IPNetwork match)
    {
        if (TryParseDottedQuad(address, out var value))
        {
            foreach (var (prefix, mask, network) in v4)
            {
                if ((value & mask) == prefix)
                {
                    match = network;
                    return true;
                }
            }

            match = default;
            return false;
        }

        match = default;
        if (!IPAddress.TryParse(address, out var parsed))
        {
            return false;
        }

        foreach (var network in v6)
        {
            if (network.Contains(parsed))
            {
                match = network;
                return true;
            }
        }

        return false;
    }

    /// <summary>One message per entry that is not an address or range (for option validation).</summary>
    public static IEnumerable<string> Problems(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out _))
            {
                yield return $"'{entry}' is not an IP address or CIDR range";
            }
        }
    }

    private static bool TryParse(string entry, out IPNetwork network)
    {
        if (entry.Contains('/'))
        {
            return IPNetwork.TryParse(entry, out network);
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }

    /// <summary>"a.b.c.d" with each part 0-255; anything else (IPv6, legacy short forms) is left to <see cref="IPAddress"/>.</summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        var part = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (part < 0 || ++parts > 3)
                {
                    return false;
                }

                value = value << 8 | (uint)part;
                part = -1;
            }
            else if (char.IsAsciiDigit(c))
            {
                part = (part < 0 ? 0 : part * 10) + (c - '0');
                if (part > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (parts != 3 || part < 0)
        {
            return false;
        }

        value = value << 8 | (uint)part;
        return true;
    }

    private static uint ToUInt(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    private static uint MaskOf(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
}
