using System.Text;
using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Tests.Groups;

public sealed class FileGroupStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly CapturingLoggerProvider logs = new();

    private string LogPath => Path.Combine(directory.Path, FileGroupStore.FileName);

    public void Dispose() => directory.Dispose();

    [Fact]
    public void MembershipAndOffsetsSurviveReopening()
    {
        var membership = new StoredMembership("consumer", 7, "range", "client-a-1",
        [
            new StoredMember("client-a-1", null, "client-a", "/127.0.0.1", 45_000, 300_000, [1, 2], [3]),
            new StoredMember("client-b-2", "instance-b", "client-b", "/127.0.0.2", 10_000, 60_000, [4], []),
        ]);
        using (var store = Open())
        {
            store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 10, "first"), new CommittedOffset("payments", 1, 20, "")]);
            store.SaveMembership("group-1", membership);
            store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 11, "second")]);
            store.SaveOffsets("standalone", [new CommittedOffset("alerts", 3, 5, "")]);
        }

        using var reopened = Open();

        Assert.Equal(
        [
            "group-1 consumer gen 7 range leader client-a-1 [client-a-1 - client-a /127.0.0.1 45000 300000 01-02 03, client-b-2 instance-b client-b /127.0.0.2 10000 60000 04 ] offsets [payments/0=11 second, payments/1=20 ]",
            "standalone no membership offsets [alerts/3=5 ]",
        ], Render(reopened.Load()));
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public void DeletedTopicOffsetsStayDeletedAfterReopening()
    {
        using (var store = Open())
        {
            store.SaveOffsets("group-1", [new CommittedOffset("deleted", 0, 1, ""), new CommittedOffset("kept", 0, 2, "")]);
            store.DeleteOffsets("group-1", "deleted");
        }

        using (var reopened = Open())
            Assert.Equal(["group-1 no membership offsets [kept/0=2 ]"], Render(reopened.Load()));
        using var compactedThenReopened = Open();
        Assert.Equal(["group-1 no membership offsets [kept/0=2 ]"], Render(compactedThenReopened.Load()));
    }

    [Fact]
    public void TornLastRecordIsDroppedWithOneLogLineAndLaterSavesSurvive()
    {
        using (var store = Open())
        {
            store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 1, "")]);
            store.SaveOffsets("group-2", [new CommittedOffset("payments", 0, 2, "")]);
        }
        using (var file = new FileStream(LogPath, FileMode.Open))
            file.SetLength(file.Length - 3); // killed in the middle of the last append

        using (var recovered = Open())
        {
            Assert.Equal(["group-1 no membership offsets [payments/0=1 ]"], Render(recovered.Load()));
            var warning = Assert.Single(logs.Warnings);
            Assert.Contains("torn record", warning);
            Assert.Contains(LogPath, warning);
            recovered.SaveOffsets("group-3", [new CommittedOffset("payments", 0, 3, "")]);
        }

        var quiet = new CapturingLoggerProvider();
        using var reopened = new FileGroupStore(directory.Path, quiet.CreateLogger("groups"));
        Assert.Equal(["group-1 no membership offsets [payments/0=1 ]", "group-3 no membership offsets [payments/0=3 ]"], Render(reopened.Load()));
        Assert.Empty(quiet.Warnings);
        Assert.Single(Directory.GetFiles(directory.Path)); // nothing kept aside for an interrupted append
    }

    [Fact]
    public void DamagedRecordEndsTheReplayKeepsTheFileAsideAndLogsOneLine()
    {
        using (var store = Open())
            store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 1, "")]);
        var firstRecordLength = (int)new FileInfo(LogPath).Length;
        using (var store = Open())
        {
            store.SaveOffsets("group-2", [new CommittedOffset("payments", 0, 2, "")]);
            store.SaveOffsets("group-3", [new CommittedOffset("payments", 0, 3, "")]);
        }
        var damaged = File.ReadAllBytes(LogPath);
        damaged[firstRecordLength + 12] ^= 0xFF; // a flipped bit inside the second record
        File.WriteAllBytes(LogPath, damaged);

        using var recovered = Open();

        Assert.Equal(["group-1 no membership offsets [payments/0=1 ]"], Render(recovered.Load()));
        var warning = Assert.Single(logs.Warnings);
        Assert.Contains($"damaged record at byte {firstRecordLength} (checksum mismatch)", warning);
        var copy = LogPath + ".damaged-1";
        Assert.Contains(copy, warning);
        Assert.Equal(damaged, File.ReadAllBytes(copy));
    }

    [Fact]
    public void FileOfGarbageRecoversNothingAndLogsOneLine()
    {
        File.WriteAllBytes(LogPath, Encoding.ASCII.GetBytes("this is not a group store, just some text that happens to be here"));

        using var store = Open();

        Assert.Empty(store.Load());
        Assert.Single(logs.Warnings);
        store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 1, "")]);
        Assert.Single(store.Load());
    }

    [Fact]
    public void SupersededRecordsAreCompactedAway()
    {
        long sizeOfOneCommit;
        using (var store = Open())
        {
            store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 0, "")]);
            sizeOfOneCommit = new FileInfo(LogPath).Length;
            for (var offset = 1; offset <= 25_000; offset++)
                store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, offset, "")]);
            Assert.True(new FileInfo(LogPath).Length < 20_000 * sizeOfOneCommit, "the log was compacted while running");
        }

        using var reopened = Open();

        Assert.Equal(sizeOfOneCommit, new FileInfo(LogPath).Length);
        Assert.Equal(["group-1 no membership offsets [payments/0=25000 ]"], Render(reopened.Load()));
    }

    [Fact]
    public void UnfinishedCompactionIsIgnored()
    {
        using (var store = Open())
            store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 1, "")]);
        File.WriteAllBytes(LogPath + ".tmp", [1, 2, 3]);

        using var reopened = Open();

        Assert.Equal(["group-1 no membership offsets [payments/0=1 ]"], Render(reopened.Load()));
        Assert.Empty(logs.Warnings);
        Assert.False(File.Exists(LogPath + ".tmp"));
    }

    [Fact]
    public void SavingAfterDisposeFailsClearly()
    {
        var store = Open();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.SaveOffsets("group-1", [new CommittedOffset("payments", 0, 1, "")]));
    }

    private FileGroupStore Open() => new(directory.Path, logs.CreateLogger("groups"));

    /// <summary>One line per group, offsets sorted: what the store would give a coordinator.</summary>
    private static IEnumerable<string> Render(IReadOnlyList<StoredGroupState> groups) =>
        groups.OrderBy(g => g.GroupId, StringComparer.Ordinal).Select(g =>
        {
            var membership = g.Membership is not { } m ? "no membership"
                : $"{m.ProtocolType} gen {m.GenerationId} {m.Protocol} leader {m.LeaderId} [" + string.Join(", ", m.Members.Select(x =>
                    $"{x.MemberId} {x.GroupInstanceId ?? "-"} {x.ClientId} {x.ClientHost} {x.SessionTimeoutMs} {x.RebalanceTimeoutMs} {Hex(x.Metadata)} {Hex(x.Assignment)}")) + "]";
            var offsets = string.Join(", ", g.Offsets.OrderBy(o => (o.Topic, o.Partition)).Select(o => $"{o.Topic}/{o.Partition}={o.Offset} {o.Metadata}"));
            return $"{g.GroupId} {membership} offsets [{offsets}]";
        });

    private static string Hex(byte[] bytes) => BitConverter.ToString(bytes);
}
