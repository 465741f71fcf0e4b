namespace FraudLab.Broker.Groups;

/// <summary>A group store that lives as long as the process: for <c>--in-memory</c> brokers and for tests
/// (a second coordinator on the same store sees what a first one saved, as after a restart).</summary>
internal sealed class InMemoryGroupStore : IGroupStore
{
    private readonly Lock gate = new();
    private readonly GroupStoreState state = new();

    public IReadOnlyList<StoredGroupState> Load()
    {
        lock (gate)
            return state.Snapshot();
    }

    public void SaveMembership(string groupId, StoredMembership membership)
    {
        lock (gate)
            state.ApplyMembership(groupId, membership);
    }

    public void SaveOffsets(string groupId, IReadOnlyList<CommittedOffset> offsets)
    {
        lock (gate)
            state.ApplyOffsets(groupId, offsets);
    }

    public void DeleteOffsets(string groupId, string topic)
    {
        lock (gate)
            state.RemoveOffsets(groupId, topic);
    }
}
