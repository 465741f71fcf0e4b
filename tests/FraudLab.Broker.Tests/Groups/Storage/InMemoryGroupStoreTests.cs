using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Tests.Groups;

public sealed class InMemoryGroupStoreTests
{
    [Fact]
    public void LaterSavesReplaceEarlierOnesPerPartitionAndPerGroup()
    {
        var store = new InMemoryGroupStore();

        store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 10, ""), new CommittedOffset("payments", 1, 20, "")]);
        store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 11, "later"), new CommittedOffset("deleted", 0, 1, "")]);
        store.DeleteOffsets("group-1", "deleted");
        store.SaveMembership("group-1", new StoredMembership("consumer", 1, "range", "m-1", []));
        store.SaveMembership("group-1", new StoredMembership("consumer", 2, null, null, []));

        var group = Assert.Single(store.Load());
        Assert.Equal("group-1", group.GroupId);
        Assert.Equal(2, group.Membership?.GenerationId);
        Assert.Equal([("payments", 0, 11L, "later"), ("payments", 1, 20L, "")],
            group.Offsets.Select(o => (o.Topic, o.Partition, o.Offset, o.Metadata)).Order());
    }

    [Fact]
    public void LoadIsASnapshotThatLaterSavesDoNotChange()
    {
        var store = new InMemoryGroupStore();
        store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 10, "")]);

        var snapshot = store.Load();
        store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 99, "")]);
        store.SaveOffsets("group-2", [new CommittedOffset("payments", 0, 1, "")]);

        Assert.Equal(10, Assert.Single(Assert.Single(snapshot).Offsets).Offset);
    }
}
