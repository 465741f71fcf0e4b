namespace FraudLab.Broker.Groups;

/// <summary>Which assignment protocol a generation uses, as Kafka picks it: among the protocols every member supports,
/// each member votes for the one it prefers most; most votes wins, ties go to the earliest member's preference.</summary>
internal static class ProtocolSelection
{
    public static string Select(IReadOnlyCollection<GroupMember> members)
    {
        var candidates = members.First().Protocols
            .Select(p => p.Name)
            .Where(name => members.All(m => m.Supports(name)))
            .ToList();
        if (candidates.Count == 0)
            throw new InvalidOperationException("No protocol is supported by every member; joins are checked so this cannot happen.");
        var votes = members
            .Select(m => m.Protocols.First(p => candidates.Contains(p.Name)).Name)
            .CountBy(name => name)
            .ToDictionary();
        return candidates.MaxBy(name => votes.GetValueOrDefault(name))!;
    }

    /// <summary>Whether a member offering <paramref name="protocols"/> can join <paramref name="others"/>:
    /// at least one of its protocols is supported by all of them.</summary>
    public static bool FitsWith(IReadOnlyList<GroupProtocol> protocols, IReadOnlyCollection<GroupMember> others) =>
        protocols.Any(p => others.All(m => m.Supports(p.Name)));
}
