namespace FraudLab.Broker.Groups;

/// <summary>The live content of a group store: the last saved membership and offsets of each group.
/// Not thread-safe; the stores guard it.</summary>
internal sealed class GroupStoreState
{
    private readonly Dictionary<string, Entry> groups = new(StringComparer.Ordinal);

    /// <summary>How many records a compacted log of this state holds (one membership and one offsets record per group).</summary>
    public int RecordCount => groups.Values.Sum(e => (e.Membership is null ? 0 : 1) + (e.Offsets.Count == 0 ? 0 : 1));

    public void ApplyMembership(string groupId, StoredMembership membership) => EntryOf(groupId).Membership = membership;

    public void ApplyOffsets(string groupId, IEnumerable<CommittedOffset> offsets)
    {
        var entry = EntryOf(groupId);
        foreach (var offset in offsets)
            entry.Offsets[(offset.Topic, offset.Partition)] = offset;
    }

    public void RemoveOffsets(string groupId, string topic)
    {
        if (groups.TryGetValue(groupId, out var entry))
            foreach (var key in entry.Offsets.Keys.Where(k => k.Topic == topic).ToList())
                entry.Offsets.Remove(key);
    }

    public IReadOnlyList<StoredGroupState> Snapshot() =>
        [.. groups.Select(g => new StoredGroupState(g.Key, g.Value.Membership, [.. g.Value.Offsets.Values]))];

    private Entry EntryOf(string groupId)
    {
        if (!groups.TryGetValue(groupId, out var entry))
            groups[groupId] = entry = new Entry();
        return entry;
    }

    private sealed class Entry
    {
        public StoredMembership? Membership { get; set; }

        public Dictionary<(string Topic, int Partition), CommittedOffset> Offsets { get; } = [];
    }
}
