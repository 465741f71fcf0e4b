using System.Net;

namespace FraudDetection.Detection.Rules;

/// <summary>A list of IP addresses and CIDR ranges ("198.51.100.7", "203.0.113.0/24", "2001:db8::/32").</summary>
public sealed class IpRangeList
{
    private readonly IPNetwork[] networks;

    public IpRangeList(IEnumerable<string> entries)
    {
        var parsed = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            parsed.Add(TryParse(entry, out var network)
                ? network
                : throw new ArgumentException($"'{entry}' is not an IP address or CIDR range", nameof(entries)));
        }

        networks = [.. parsed];
    }

    public bool IsEmpty => networks.Length == 0;

    /// <summary>The entry containing <paramref name="address"/>, if any.</summary>
    public bool TryMatch(IPAddress address, out IPNetwork match)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                match = network;
                return true;
            }
        }

        match = default;
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
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }
}
