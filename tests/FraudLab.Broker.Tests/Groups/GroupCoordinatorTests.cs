using System.Collections.Concurrent;
using FraudLab.Broker.Groups;
using Microsoft.Extensions.Logging.Abstractions;
using static FraudLab.Broker.Groups.GroupErrorCodes;
using static FraudLab.Broker.Tests.Groups.GroupScenario;

namespace FraudLab.Broker.Tests.Groups;

/// <summary>The classic consumer-group protocol as clients drive it, on a fake clock: time only moves when a test
/// advances it, so "completes at once" means no time passed at all.</summary>
public sealed class GroupCoordinatorTests
{
    [Fact]
    public async Task FirstMemberOfAnEmptyGroupLeadsGenerationOneAndGetsEveryMembersMetadata()
    {
        await using var scenario = new GroupScenario();

        var joined = await scenario.JoinAsync("client-a");

        Assert.Equal(None, joined.ErrorCode);
        Assert.Equal(1, joined.GenerationId);
        Assert.Equal("range", joined.ProtocolName);
        Assert.StartsWith("client-a-", joined.MemberId);
        Assert.Equal(joined.MemberId, joined.LeaderId);
        var member = Assert.Single(joined.Members);
        Assert.Equal(joined.MemberId, member.MemberId);
        Assert.Equal(MetadataOf("client-a"), member.Metadata);
        Assert.Equal(GroupState.CompletingRebalance, scenario.Describe().State);
    }

    [Fact]
    public async Task LeadersAssignmentIsRelayedToEachMemberAsSent()
    {
        await using var scenario = new GroupScenario();
        var joined = await scenario.JoinedGroupAsync("client-a", "client-b");
        var (leader, follower) = (joined[0], joined[1]);
        Assert.Equal(leader.MemberId, follower.LeaderId);

        var followerSync = scenario.SyncAsync(follower);
        Assert.False(followerSync.IsCompleted); // waits for the leader's assignment
        var leaderSync = await scenario.SyncAsync(leader, (leader.MemberId, [1, 2]), (follower.MemberId, [3, 4, 5]));

        Assert.Equal([1, 2], leaderSync.Assignment);
        var followerSynced = await followerSync;
        Assert.Equal(None, followerSynced.ErrorCode);
        Assert.Equal([3, 4, 5], followerSynced.Assignment);
        Assert.Empty(follower.Members);
        Assert.Equal(2, leader.Members.Count);
        var described = scenario.Describe();
        Assert.Equal(GroupState.Stable, described.State);
        Assert.Equal("range", described.Protocol);
        Assert.Equal([3, 4, 5], described.Members.Single(m => m.MemberId == follower.MemberId).Assignment);
    }

    [Fact]
    public async Task NewMemberIsFirstToldMemberIdRequiredThenJoinsWithThatId()
    {
        await using var scenario = new GroupScenario();

        var first = await scenario.Coordinator.JoinAsync(JoinRequest("client-a", requireKnownMemberId: true), Token);

        Assert.Equal(MemberIdRequired, first.ErrorCode);
        Assert.StartsWith("client-a-", first.MemberId);
        Assert.Equal(-1, first.GenerationId);
        Assert.Empty(scenario.Describe().Members); // only handed out, not a member yet
        var second = await scenario.Coordinator.JoinAsync(JoinRequest("client-a", first.MemberId, requireKnownMemberId: true), Token);
        Assert.Equal(None, second.ErrorCode);
        Assert.Equal(first.MemberId, second.MemberId);
        Assert.Equal(1, second.GenerationId);
    }

    [Fact]
    public async Task RebalanceWaitsForAHandedOutMemberIdSoThatItsOwnerJoinsTheSameGeneration()
    {
        await using var scenario = new GroupScenario();
        var a = (await scenario.StableGroupAsync("client-a")).Single();
        var handedOut = await scenario.Coordinator.JoinAsync(JoinRequest("client-b", requireKnownMemberId: true), Token);
        Assert.Equal(GroupState.Stable, scenario.Describe().State); // handing out an id is no reason to rebalance
        var c = scenario.JoinAsync("client-c");

        var rejoined = scenario.JoinAsync("client-a", a.MemberId);
        Assert.False(rejoined.IsCompleted); // client-b is about to join with its id
        var b = scenario.Coordinator.JoinAsync(JoinRequest("client-b", handedOut.MemberId, requireKnownMemberId: true), Token);

        var results = await Task.WhenAll(rejoined, b, c);
        Assert.All(results, r => Assert.Equal(2, r.GenerationId));
        Assert.Equal(3, results[0].Members.Count);
    }

    [Fact]
    public async Task HandedOutMemberIdThatIsNeverUsedExpiresAfterTheSessionTimeout()
    {
        await using var scenario = new GroupScenario();
        var a = (await scenario.StableGroupAsync("client-a")).Single();
        var handedOut = await scenario.Coordinator.JoinAsync(JoinRequest("client-b", requireKnownMemberId: true), Token);
        var c = scenario.JoinAsync("client-c");
        var rejoined = scenario.JoinAsync("client-a", a.MemberId);

        scenario.Time.Advance(TimeSpan.FromMilliseconds(SessionTimeoutMs));

        Assert.Equal(2, (await rejoined).Members.Count);
        Assert.Equal(2, (await c).GenerationId);
        var late = await scenario.Coordinator.JoinAsync(JoinRequest("client-b", handedOut.MemberId, requireKnownMemberId: true), Token);
        Assert.Equal(UnknownMemberId, late.ErrorCode);
    }

    [Fact]
    public async Task RebalanceCompletesAsSoonAsEveryKnownMemberHasRejoined()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");

        var c = scenario.JoinAsync("client-c");
        Assert.All(stable, member => Assert.Equal(RebalanceInProgress, scenario.Heartbeat(member)));
        var a = scenario.JoinAsync("client-a", stable[0].MemberId);
        Assert.False(c.IsCompleted);
        Assert.False(a.IsCompleted);
        var b = scenario.JoinAsync("client-b", stable[1].MemberId);

        var results = await Task.WhenAll(a, b, c); // no time was advanced: nothing waited for a timeout
        Assert.All(results, r => Assert.Equal(3, r.GenerationId));
        Assert.All(results, r => Assert.Equal(stable[0].MemberId, r.LeaderId));
        Assert.Equal(3, results.Single(r => r.MemberId == r.LeaderId).Members.Count);
        Assert.All(results.Where(r => r.MemberId != r.LeaderId), r => Assert.Empty(r.Members));
    }

    [Fact]
    public async Task MemberLeavingAStableGroupMakesTheOthersRejoinWithoutIt()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b", "client-c");

        Assert.Equal(None, scenario.Coordinator.Leave(GroupId, stable[2].MemberId));

        Assert.Equal(GroupState.PreparingRebalance, scenario.Describe().State);
        Assert.Equal(UnknownMemberId, scenario.Heartbeat(stable[2]));
        Assert.Equal(RebalanceInProgress, scenario.Heartbeat(stable[0]));
        var results = await Task.WhenAll(scenario.JoinAsync("client-a", stable[0].MemberId), scenario.JoinAsync("client-b", stable[1].MemberId));
        Assert.All(results, r => Assert.Equal(4, r.GenerationId));
        Assert.Equal([stable[0].MemberId, stable[1].MemberId], results.Single(r => r.MemberId == r.LeaderId).Members.Select(m => m.MemberId));
    }

    [Fact]
    public async Task LeaderLeavingHandsLeadershipToTheNextMember()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");

        Assert.Equal(None, scenario.Coordinator.Leave(GroupId, stable[0].MemberId));
        var rejoined = await scenario.JoinAsync("client-b", stable[1].MemberId);

        Assert.Equal(stable[1].MemberId, rejoined.LeaderId);
        Assert.Single(rejoined.Members);
    }

    [Fact]
    public async Task LastMemberLeavingEmptiesTheGroupAndTheNextJoinStartsANewGeneration()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a");

        Assert.Equal(None, scenario.Coordinator.Leave(GroupId, stable[0].MemberId));

        var described = scenario.Describe();
        Assert.Equal(GroupState.Empty, described.State);
        Assert.Empty(described.Members);
        Assert.Equal(UnknownMemberId, scenario.Coordinator.Leave(GroupId, stable[0].MemberId));
        var next = await scenario.JoinAsync("client-b");
        Assert.Equal(3, next.GenerationId); // 1: client-a, 2: empty, 3: client-b
        Assert.Equal(next.MemberId, next.LeaderId);
    }

    [Fact]
    public async Task MemberThatStopsHeartbeatingExpiresAfterItsSessionTimeout()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");
        var (a, b) = (stable[0], stable[1]);

        scenario.Time.Advance(TimeSpan.FromMilliseconds(SessionTimeoutMs / 2));
        Assert.Equal(None, scenario.Heartbeat(a));
        scenario.Time.Advance(TimeSpan.FromMilliseconds(SessionTimeoutMs / 2 - 1));
        Assert.Equal(GroupState.Stable, scenario.Describe().State); // b is 1 ms from expiring
        Assert.Equal(None, scenario.Heartbeat(a));
        scenario.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(UnknownMemberId, scenario.Heartbeat(b));
        Assert.Equal(RebalanceInProgress, scenario.Heartbeat(a));
        var rejoined = await scenario.JoinAsync("client-a", a.MemberId);
        Assert.Equal(3, rejoined.GenerationId);
        Assert.Equal(a.MemberId, Assert.Single(rejoined.Members).MemberId);
    }

    [Fact]
    public async Task RebalanceTimeoutDropsMembersThatDidNotRejoin()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");
        var c = scenario.JoinAsync("client-c");
        var a = scenario.JoinAsync("client-a", stable[0].MemberId);

        // client-b keeps its session alive but never rejoins.
        for (var elapsed = 0; elapsed < RebalanceTimeoutMs - 5_000; elapsed += 5_000)
        {
            scenario.Time.Advance(TimeSpan.FromMilliseconds(5_000));
            Assert.Equal(RebalanceInProgress, scenario.Heartbeat(stable[1]));
        }
        Assert.False(a.IsCompleted);
        scenario.Time.Advance(TimeSpan.FromMilliseconds(5_000));

        var results = await Task.WhenAll(a, c);
        Assert.All(results, r => Assert.Equal(3, r.GenerationId));
        Assert.DoesNotContain(stable[1].MemberId, results.Single(r => r.MemberId == r.LeaderId).Members.Select(m => m.MemberId));
        Assert.Equal(UnknownMemberId, scenario.Heartbeat(stable[1]));
    }

    [Fact]
    public async Task LeaderThatNeverSyncsIsDroppedAtTheRebalanceTimeoutAndFollowersAreToldToRejoin()
    {
        await using var scenario = new GroupScenario();
        var joined = await scenario.JoinedGroupAsync("client-a", "client-b");
        var (leader, follower) = (joined[0], joined[1]);
        var followerSync = scenario.SyncAsync(follower);

        // The leader heartbeats (so its session is alive) but never sends the assignment.
        for (var elapsed = 0; elapsed < RebalanceTimeoutMs; elapsed += 5_000)
        {
            Assert.Equal(None, scenario.Heartbeat(leader));
            scenario.Time.Advance(TimeSpan.FromMilliseconds(5_000));
        }

        Assert.Equal(RebalanceInProgress, (await followerSync).ErrorCode);
        var rejoined = await scenario.JoinAsync("client-b", follower.MemberId);
        Assert.Equal(follower.MemberId, rejoined.LeaderId);
        Assert.Equal(UnknownMemberId, scenario.Heartbeat(leader));
    }

    [Fact]
    public async Task StaleCallersGetIllegalGenerationOrUnknownMemberId()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");
        var current = stable[0];
        var previousGeneration = current.GenerationId - 1;

        Assert.Equal(IllegalGeneration, scenario.Coordinator.Heartbeat(GroupId, previousGeneration, current.MemberId));
        Assert.Equal(IllegalGeneration, (await scenario.Coordinator.SyncAsync(new SyncGroupRequest(GroupId, previousGeneration, current.MemberId, []), Token)).ErrorCode);
        Assert.Equal(UnknownMemberId, scenario.Coordinator.Heartbeat(GroupId, current.GenerationId, "client-z-unknown"));
        Assert.Equal(UnknownMemberId, (await scenario.JoinAsync("client-z", "client-z-unknown")).ErrorCode);
        Assert.Equal(UnknownMemberId, scenario.Coordinator.Heartbeat("no-such-group", 1, current.MemberId));
        Assert.Equal(UnknownMemberId, (await scenario.Coordinator.JoinAsync(JoinRequest("client-a", current.MemberId) with { GroupId = "no-such-group" }, Token)).ErrorCode);
        Assert.DoesNotContain(scenario.Coordinator.ListGroups(), g => g.GroupId == "no-such-group");
        var commit = scenario.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, previousGeneration, current.MemberId,
            [new OffsetCommitPartition("payments", 0, 42, null)]));
        Assert.Equal(IllegalGeneration, Assert.Single(commit).ErrorCode);
        Assert.Equal(-1, scenario.Coordinator.FetchOffset(GroupId, "payments", 0).Offset);
    }

    [Fact]
    public async Task HeartbeatsAreAcceptedWhileTheLeaderComputesTheAssignmentButSyncWaitsForTheRebalance()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");
        var c = scenario.JoinAsync("client-c");

        Assert.Equal(RebalanceInProgress, (await scenario.SyncAsync(stable[0])).ErrorCode);
        var rejoined = await Task.WhenAll(scenario.JoinAsync("client-a", stable[0].MemberId), scenario.JoinAsync("client-b", stable[1].MemberId), c);

        Assert.Equal(GroupState.CompletingRebalance, scenario.Describe().State);
        Assert.All(rejoined, r => Assert.Equal(None, scenario.Heartbeat(r)));
    }

    [Fact]
    public async Task FollowerRejoiningWithUnchangedMetadataGetsTheCurrentGenerationWithoutARebalance()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");

        var again = await scenario.JoinAsync("client-b", stable[1].MemberId);

        Assert.Equal(stable[1].GenerationId, again.GenerationId);
        Assert.Equal(GroupState.Stable, scenario.Describe().State);
        var leaderAgain = scenario.JoinAsync("client-a", stable[0].MemberId);
        Assert.Equal(GroupState.PreparingRebalance, scenario.Describe().State); // the leader rejoining means metadata changed
        Assert.Equal(RebalanceInProgress, scenario.Heartbeat(stable[1]));
        await scenario.JoinAsync("client-b", stable[1].MemberId);
        Assert.Equal(stable[0].GenerationId + 1, (await leaderAgain).GenerationId);
    }

    [Fact]
    public async Task ProtocolEveryMemberSupportsIsChosenByTheMembersPreference()
    {
        await using var scenario = new GroupScenario();
        var results = await scenario.JoinedGroupAsync(
            JoinRequest("client-a", protocols: ["cooperative-sticky", "range"]),
            JoinRequest("client-b", protocols: ["roundrobin", "range", "cooperative-sticky"]),
            JoinRequest("client-c", protocols: ["range"]));

        Assert.All(results, r => Assert.Equal("range", r.ProtocolName));
        var leader = results.Single(r => r.MemberId == r.LeaderId);
        Assert.Equal([MetadataOf("client-a", "range"), MetadataOf("client-b", "range"), MetadataOf("client-c", "range")],
            leader.Members.Select(m => m.Metadata));
    }

    [Fact]
    public async Task MemberWithNoProtocolInCommonOrAnotherProtocolTypeIsRejected()
    {
        await using var scenario = new GroupScenario();
        await scenario.StableGroupAsync("client-a");

        var otherProtocol = await scenario.Coordinator.JoinAsync(JoinRequest("client-b", protocols: ["roundrobin"]), Token);
        var otherType = await scenario.Coordinator.JoinAsync(JoinRequest("client-c", protocolType: "connect"), Token);

        Assert.Equal(InconsistentGroupProtocol, otherProtocol.ErrorCode);
        Assert.Equal(InconsistentGroupProtocol, otherType.ErrorCode);
        Assert.Equal(GroupState.Stable, scenario.Describe().State);
    }

    [Fact]
    public async Task JoinWithAnOutOfRangeSessionTimeoutOrNoGroupIdIsRejected()
    {
        await using var scenario = new GroupScenario();

        var tooShort = await scenario.Coordinator.JoinAsync(JoinRequest("client-a", sessionTimeoutMs: GroupCoordinator.MinSessionTimeoutMs - 1), Token);
        var tooLong = await scenario.Coordinator.JoinAsync(JoinRequest("client-a", sessionTimeoutMs: GroupCoordinator.MaxSessionTimeoutMs + 1), Token);
        var noGroup = await scenario.Coordinator.JoinAsync(JoinRequest("client-a") with { GroupId = "" }, Token);

        Assert.Equal(InvalidSessionTimeout, tooShort.ErrorCode);
        Assert.Equal(InvalidSessionTimeout, tooLong.ErrorCode);
        Assert.Equal(InvalidGroupId, noGroup.ErrorCode);
        Assert.Empty(scenario.Coordinator.ListGroups());
    }

    [Fact]
    public async Task StaticMemberRejoiningWithoutAMemberIdFencesItsPreviousIncarnation()
    {
        await using var scenario = new GroupScenario();
        var first = await scenario.Coordinator.JoinAsync(JoinRequest("client-a") with { GroupInstanceId = "instance-1" }, Token);

        var restarted = await scenario.Coordinator.JoinAsync(JoinRequest("client-a") with { GroupInstanceId = "instance-1" }, Token);

        Assert.NotEqual(first.MemberId, restarted.MemberId);
        Assert.Equal("instance-1", Assert.Single(restarted.Members).GroupInstanceId);
        Assert.Equal(UnknownMemberId, scenario.Coordinator.Heartbeat(GroupId, restarted.GenerationId, first.MemberId));
        var wrongInstance = await scenario.Coordinator.JoinAsync(JoinRequest("client-a", restarted.MemberId) with { GroupInstanceId = "instance-2" }, Token);
        Assert.Equal(FencedInstanceId, wrongInstance.ErrorCode);
    }

    [Fact]
    public async Task CommittedOffsetIsTheNextOffsetToReadAndAnUnknownPartitionHasNone()
    {
        await using var scenario = new GroupScenario();
        var member = (await scenario.StableGroupAsync("client-a")).Single();

        var results = scenario.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, member.GenerationId, member.MemberId,
            [new OffsetCommitPartition("payments", 0, 100, "checkpoint"), new OffsetCommitPartition("payments", 1, 7, null)]));
        scenario.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, member.GenerationId, member.MemberId,
            [new OffsetCommitPartition("payments", 0, 150, null)]));

        Assert.All(results, r => Assert.Equal(None, r.ErrorCode));
        Assert.Equal(new OffsetFetchPartitionResult(150, "", None), scenario.Coordinator.FetchOffset(GroupId, "payments", 0));
        Assert.Equal(new OffsetFetchPartitionResult(7, "", None), scenario.Coordinator.FetchOffset(GroupId, "payments", 1));
        Assert.Equal(new OffsetFetchPartitionResult(-1, "", None), scenario.Coordinator.FetchOffset(GroupId, "payments", 2));
        Assert.Equal(new OffsetFetchPartitionResult(-1, "", None), scenario.Coordinator.FetchOffset("no-such-group", "payments", 0));
        Assert.Equal([("payments", 0, 150L), ("payments", 1, 7L)],
            scenario.Coordinator.FetchOffsets(GroupId).Select(o => (o.Topic, o.Partition, o.Offset)).Order());
    }

    [Fact]
    public async Task StandaloneCommitIsAcceptedOnlyWhileTheGroupHasNoMembers()
    {
        await using var scenario = new GroupScenario();
        OffsetCommitRequest Standalone(long offset) => new(GroupId, -1, "", [new OffsetCommitPartition("payments", 0, offset, null)]);

        Assert.Equal(None, Assert.Single(scenario.Coordinator.CommitOffsets(Standalone(10))).ErrorCode);
        Assert.Equal((GroupId, ""), scenario.Coordinator.ListGroups().Single());
        await scenario.StableGroupAsync("client-a");

        Assert.Equal(UnknownMemberId, Assert.Single(scenario.Coordinator.CommitOffsets(Standalone(20))).ErrorCode);
        Assert.Equal(10, scenario.Coordinator.FetchOffset(GroupId, "payments", 0).Offset);
    }

    [Fact]
    public async Task CommitIsRefusedWhileTheLeaderComputesTheAssignmentButAcceptedWhileMembersRejoin()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a");
        OffsetCommitRequest Commit(JoinGroupResult member, long offset) =>
            new(GroupId, member.GenerationId, member.MemberId, [new OffsetCommitPartition("payments", 0, offset, null)]);

        var b = scenario.JoinAsync("client-b");
        Assert.Equal(None, Assert.Single(scenario.Coordinator.CommitOffsets(Commit(stable[0], 5))).ErrorCode); // revoking: commit what was processed
        var a = await scenario.JoinAsync("client-a", stable[0].MemberId);
        await b;
        Assert.Equal(RebalanceInProgress, Assert.Single(scenario.Coordinator.CommitOffsets(Commit(a, 6))).ErrorCode);

        Assert.Equal(5, scenario.Coordinator.FetchOffset(GroupId, "payments", 0).Offset);
    }

    [Fact]
    public async Task CommitWithAGenerationToAnUnknownGroupOrTooMuchMetadataIsRejected()
    {
        await using var scenario = new GroupScenario();
        var member = (await scenario.StableGroupAsync("client-a")).Single();

        var unknownGroup = scenario.Coordinator.CommitOffsets(new OffsetCommitRequest("gone", 4, "client-a-x", [new OffsetCommitPartition("payments", 0, 1, null)]));
        var tooLarge = scenario.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, member.GenerationId, member.MemberId,
            [new OffsetCommitPartition("payments", 0, 1, new string('m', 4097)), new OffsetCommitPartition("payments", 1, 2, "ok")]));

        Assert.Equal(IllegalGeneration, Assert.Single(unknownGroup).ErrorCode);
        Assert.DoesNotContain(scenario.Coordinator.ListGroups(), g => g.GroupId == "gone");
        Assert.Equal([OffsetMetadataTooLarge, None], tooLarge.Select(r => r.ErrorCode));
        Assert.Equal(-1, scenario.Coordinator.FetchOffset(GroupId, "payments", 0).Offset);
        Assert.Equal(new OffsetFetchPartitionResult(2, "ok", None), scenario.Coordinator.FetchOffset(GroupId, "payments", 1));
    }

    [Fact]
    public async Task DeletingATopicForgetsItsCommittedOffsetsInEveryGroupForGood()
    {
        var store = new InMemoryGroupStore();
        await using (var scenario = new GroupScenario(store))
        {
            foreach (var group in new[] { "group-1", "group-2" })
                scenario.Coordinator.CommitOffsets(new OffsetCommitRequest(group, -1, "",
                    [new OffsetCommitPartition("deleted", 0, 10, null), new OffsetCommitPartition("deleted", 1, 11, null), new OffsetCommitPartition("kept", 0, 12, null)]));

            scenario.Coordinator.DeleteTopicOffsets("deleted");

            Assert.Equal(-1, scenario.Coordinator.FetchOffset("group-1", "deleted", 1).Offset);
            Assert.Equal(12, scenario.Coordinator.FetchOffset("group-2", "kept", 0).Offset);
        }

        await using var restarted = new GroupScenario(store);
        Assert.Equal([("kept", 0)], restarted.Coordinator.FetchOffsets("group-2").Select(o => (o.Topic, o.Partition)));
    }

    [Fact]
    public async Task ListAndDescribeShowEveryLiveGroup()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");
        scenario.Coordinator.CommitOffsets(new OffsetCommitRequest("standalone", -1, "", [new OffsetCommitPartition("payments", 0, 1, null)]));

        Assert.Equal([(GroupId, "consumer"), ("standalone", "")], scenario.Coordinator.ListGroups().Order());
        var described = scenario.Describe();
        Assert.Equal(new GroupDescription(None, GroupId, GroupState.Stable, "consumer", "range", described.Members), described);
        Assert.Equal(stable.Select(s => s.MemberId), described.Members.Select(m => m.MemberId));
        Assert.All(described.Members, m => Assert.Equal(AssignmentOf(m.MemberId), m.Assignment));
        Assert.All(described.Members, m => Assert.Equal("/127.0.0.1", m.ClientHost));
        Assert.Equal(["client-a", "client-b"], described.Members.Select(m => m.ClientId));
        var unknown = scenario.Coordinator.Describe("no-such-group");
        Assert.Equal((None, GroupState.Dead, 0), (unknown.ErrorCode, unknown.State, unknown.Members.Count));
    }

    [Fact]
    public async Task DisposingCompletesPendingJoinsAndSyncsWithCoordinatorNotAvailable()
    {
        var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a", "client-b");
        var c = scenario.JoinAsync("client-c");
        var rejoins = await Task.WhenAll(scenario.JoinAsync("client-a", stable[0].MemberId), scenario.JoinAsync("client-b", stable[1].MemberId), c);
        var followerSync = scenario.SyncAsync(rejoins[1]);
        var newcomer = scenario.Coordinator.JoinAsync(JoinRequest("client-d") with { GroupId = "other" }, Token);
        var waitingNewcomer = scenario.Coordinator.JoinAsync(JoinRequest("client-e") with { GroupId = "other" }, Token);

        await scenario.DisposeAsync();

        Assert.Equal(CoordinatorNotAvailable, (await followerSync).ErrorCode);
        Assert.Equal(None, (await newcomer).ErrorCode); // completed its own generation before
        Assert.Equal(CoordinatorNotAvailable, (await waitingNewcomer).ErrorCode);
        Assert.Equal(CoordinatorNotAvailable, scenario.Heartbeat(rejoins[0]));
        Assert.Equal(CoordinatorNotAvailable, (await scenario.JoinAsync("client-f")).ErrorCode);
    }

    [Fact]
    public async Task CancelledJoinOfANewMemberCancelsItsTaskAndRemovesTheMember()
    {
        await using var scenario = new GroupScenario();
        var stable = await scenario.StableGroupAsync("client-a");
        using var gaveUp = new CancellationTokenSource();
        var b = scenario.Coordinator.JoinAsync(JoinRequest("client-b"), gaveUp.Token);

        await gaveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        var rejoined = await scenario.JoinAsync("client-a", stable[0].MemberId); // nobody else to wait for
        Assert.Equal(stable[0].MemberId, Assert.Single(rejoined.Members).MemberId);
    }

    [Fact]
    public async Task CancelledSyncOfAFollowerCancelsItsTaskAndTheGroupCarriesOn()
    {
        await using var scenario = new GroupScenario();
        var joined = await scenario.JoinedGroupAsync("client-a", "client-b");
        var follower = joined[1];
        using var gaveUp = new CancellationTokenSource();
        var sync = scenario.Coordinator.SyncAsync(new SyncGroupRequest(GroupId, follower.GenerationId, follower.MemberId, []), gaveUp.Token);

        await gaveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);
        await scenario.SyncAsLeaderAsync(joined[0]);
        Assert.Equal(AssignmentOf(follower.MemberId), (await scenario.SyncAsync(follower)).Assignment);
    }

    [Fact]
    public async Task RestartedCoordinatorOnTheSameStoreKeepsOffsetsAndTheStableGeneration()
    {
        var store = new InMemoryGroupStore();
        IReadOnlyList<JoinGroupResult> stable;
        await using (var before = new GroupScenario(store))
        {
            stable = await before.StableGroupAsync("client-a", "client-b");
            before.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, stable[0].GenerationId, stable[0].MemberId,
                [new OffsetCommitPartition("payments", 0, 1234, "m")]));
        }

        await using var after = new GroupScenario(store);

        Assert.Equal(new OffsetFetchPartitionResult(1234, "m", None), after.Coordinator.FetchOffset(GroupId, "payments", 0));
        var described = after.Describe();
        Assert.Equal(GroupState.Stable, described.State);
        Assert.Equal(stable.Select(s => s.MemberId), described.Members.Select(m => m.MemberId));
        Assert.All(described.Members, m => Assert.Equal(AssignmentOf(m.MemberId), m.Assignment));
        Assert.All(stable, member => Assert.Equal(None, after.Heartbeat(member)));
        Assert.Equal(AssignmentOf(stable[1].MemberId), (await after.SyncAsync(stable[1])).Assignment);
        after.Time.Advance(TimeSpan.FromMilliseconds(SessionTimeoutMs)); // members that do not come back expire
        Assert.Equal(GroupState.Empty, after.Describe().State);
    }

    [Fact]
    public async Task RestartedCoordinatorOnAFileStoreKeepsCommittedOffsets()
    {
        using var directory = new TempDirectory();
        using (var store = new FileGroupStore(directory.Path))
        await using (var before = new GroupScenario(store))
        {
            var member = (await before.StableGroupAsync("client-a")).Single();
            before.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, member.GenerationId, member.MemberId,
                [new OffsetCommitPartition("payments", 3, 99, null)]));
        }

        using var reopened = new FileGroupStore(directory.Path);
        await using var after = new GroupScenario(reopened);

        Assert.Equal(99, after.Coordinator.FetchOffset(GroupId, "payments", 3).Offset);
        Assert.Equal(GroupState.Stable, after.Describe().State);
    }

    [Fact]
    public async Task CommitThatCannotBeSavedIsRefusedAndNotServed()
    {
        using var directory = new TempDirectory();
        var store = new FileGroupStore(directory.Path);
        await using var scenario = new GroupScenario(store);
        var member = (await scenario.StableGroupAsync("client-a")).Single();
        store.Dispose(); // the store is gone (e.g. its disk failed)

        var results = scenario.Coordinator.CommitOffsets(new OffsetCommitRequest(GroupId, member.GenerationId, member.MemberId,
            [new OffsetCommitPartition("payments", 0, 10, null)]));

        Assert.Equal(CoordinatorNotAvailable, Assert.Single(results).ErrorCode);
        Assert.Equal(-1, scenario.Coordinator.FetchOffset(GroupId, "payments", 0).Offset);
        Assert.Equal(None, scenario.Heartbeat(member)); // membership carries on in memory
    }

    [Fact]
    public async Task ConcurrentClientsSettleIntoOneStableGeneration()
    {
        await using var coordinator = new GroupCoordinator(new InMemoryGroupStore(), TimeProvider.System, NullLogger.Instance);
        using var settled = CancellationTokenSource.CreateLinkedTokenSource(Token);
        settled.CancelAfter(TimeSpan.FromSeconds(30)); // a guard against a hang, not a timing assertion

        var generations = new ConcurrentDictionary<string, int>();
        var clients = Enumerable.Range(0, 3)
            .Select(i => Task.Run(() => RunConsumerAsync(coordinator, $"client-{i}", generations, settled.Token)))
            .ToList();

        // Settled: Stable with all three, each client synced into the same generation.
        while (coordinator.Describe(GroupId) is not { State: GroupState.Stable, Members.Count: 3 }
               || generations.Count < 3 || generations.Values.Distinct().Count() > 1)
            await Task.Delay(10, settled.Token);
        var described = coordinator.Describe(GroupId);
        await settled.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(described.Members, m => Assert.Equal(AssignmentOf(m.MemberId), m.Assignment));
    }

    /// <summary>What a consumer client does: join (twice, with KIP-394), sync, heartbeat, rejoin when told to;
    /// records the generation it synced into.</summary>
    private static async Task RunConsumerAsync(GroupCoordinator coordinator, string clientId,
        ConcurrentDictionary<string, int> generations, CancellationToken stop)
    {
        var memberId = "";
        try
        {
            while (true)
            {
                var joined = await coordinator.JoinAsync(JoinRequest(clientId, memberId, requireKnownMemberId: true), stop);
                memberId = joined.ErrorCode == UnknownMemberId ? "" : joined.MemberId;
                if (joined.ErrorCode != None)
                    continue;
                var assignments = joined.Members.Select(m => (m.MemberId, AssignmentOf(m.MemberId))).ToList();
                var synced = await coordinator.SyncAsync(new SyncGroupRequest(GroupId, joined.GenerationId, memberId, assignments), stop);
                if (synced.ErrorCode != None)
                    continue;
                Assert.Equal(AssignmentOf(memberId), synced.Assignment);
                generations[clientId] = joined.GenerationId;
                while (coordinator.Heartbeat(GroupId, joined.GenerationId, memberId) == None)
                    await Task.Delay(5, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped by the test
        }
    }
}
