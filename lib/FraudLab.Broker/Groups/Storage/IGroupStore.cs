namespace FraudLab.Broker.Groups;

/// <summary>Where the coordinator keeps committed offsets and group membership so that they survive a broker restart.
/// Calls may come from many threads at once. A save that throws has stored nothing the caller relies on.</summary>
internal interface IGroupStore
{
    /// <summary>Every group as last saved: its membership (if any was saved) and its committed offsets.</summary>
    IReadOnlyList<StoredGroupState> Load();

    /// <summary>Replaces the group's saved membership (called when a generation becomes Stable or the group becomes Empty).</summary>
    void SaveMembership(string groupId, StoredMembership membership);

    /// <summary>Saves committed offsets of a group, all or nothing; later saves of a partition replace earlier ones.</summary>
    void SaveOffsets(string groupId, IReadOnlyList<CommittedOffset> offsets);

    /// <summary>Forgets every committed offset of a group for one topic (the topic was deleted).</summary>
    void DeleteOffsets(string groupId, string topic);
}
