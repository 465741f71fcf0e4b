namespace FraudLab.Broker.Groups;

/// <summary>What a store holds for one group.</summary>
/// <param name="Membership">Null when only offsets were ever saved (standalone consumers).</param>
internal sealed record StoredGroupState(string GroupId, StoredMembership? Membership, IReadOnlyList<CommittedOffset> Offsets);
