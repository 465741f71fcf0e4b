using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Tests.Groups;

/// <summary>A coordinator on a fake clock, and the requests a consumer client would send it.</summary>
internal sealed class GroupScenario : IAsyncDisposable
{
    public const string GroupId = "fraud-processor";
    public const int SessionTimeoutMs = 10_000;
    public const int RebalanceTimeoutMs = 30_000;

    public GroupScenario(IGroupStore? store = null)
    {
        Store = store ?? new InMemoryGroupStore();
        Coordinator = new GroupCoordinator(Store, Time, NullLogger.Instance);
    }

    public FakeTimeProvider Time { get; } = new();

    public IGroupStore Store { get; }

    public GroupCoordinator Coordinator { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Metadata a member sends for a protocol; distinct per client so that relaying can be checked.</summary>
    public static byte[] MetadataOf(string clientId, string protocol = "range") => Encoding.UTF8.GetBytes($"{clientId}:{protocol}");

    public static byte[] AssignmentOf(string memberId) => Encoding.UTF8.GetBytes($"assigned to {memberId}");

    public static JoinGroupRequest JoinRequest(string clientId, string memberId = "", bool requireKnownMemberId = false,
        int sessionTimeoutMs = SessionTimeoutMs, int rebalanceTimeoutMs = RebalanceTimeoutMs, string protocolType = "consumer",
        params string[] protocols)
    {
        string[] names = protocols.Length > 0 ? protocols : ["range"];
        return new JoinGroupRequest(GroupId, memberId, null, clientId, "/127.0.0.1", sessionTimeoutMs, rebalanceTimeoutMs,
            protocolType, [.. names.Select(name => new GroupProtocol(name, MetadataOf(clientId, name)))], requireKnownMemberId);
    }

    public Task<JoinGroupResult> JoinAsync(string clientId, string memberId = "") =>
        Coordinator.JoinAsync(JoinRequest(clientId, memberId), Token);

    public Task<SyncGroupResult> SyncAsync(JoinGroupResult joined, params (string MemberId, byte[] Assignment)[] assignments) =>
        Coordinator.SyncAsync(new SyncGroupRequest(GroupId, joined.GenerationId, joined.MemberId, assignments), Token);

    /// <summary>The leader's sync: every member of its join result gets <see cref="AssignmentOf"/>.</summary>
    public Task<SyncGroupResult> SyncAsLeaderAsync(JoinGroupResult leader) =>
        SyncAsync(leader, [.. leader.Members.Select(m => (m.MemberId, AssignmentOf(m.MemberId)))]);

    public short Heartbeat(JoinGroupResult joined) => Coordinator.Heartbeat(GroupId, joined.GenerationId, joined.MemberId);

    public GroupDescription Describe() => Coordinator.Describe(GroupId);

    /// <summary>Brings clients into one Stable generation; see <see cref="JoinedGroupAsync(JoinGroupRequest[])"/>.</summary>
    public async Task<IReadOnlyList<JoinGroupResult>> StableGroupAsync(params string[] clientIds)
    {
        var joined = await JoinedGroupAsync(clientIds);
        await SyncAllAsync(joined);
        return joined;
    }

    public Task<IReadOnlyList<JoinGroupResult>> JoinedGroupAsync(params string[] clientIds) =>
        JoinedGroupAsync([.. clientIds.Select(clientId => JoinRequest(clientId))]);

    /// <summary>Brings new members into one generation (not yet synced) the way real consumers do: each newcomer joins,
    /// the members already there learn of the rebalance through their heartbeat and rejoin. Expects an empty group.
    /// Returns the latest join result of each member, in joining order.</summary>
    public async Task<IReadOnlyList<JoinGroupResult>> JoinedGroupAsync(params JoinGroupRequest[] requests)
    {
        var joined = new List<JoinGroupResult>();
        foreach (var (count, request) in requests.Index())
        {
            var newcomer = Coordinator.JoinAsync(request, Token);
            foreach (var member in joined)
                Assert.Equal(GroupErrorCodes.RebalanceInProgress, Heartbeat(member));
            var rejoins = joined.Select((member, i) => Coordinator.JoinAsync(requests[i] with { MemberId = member.MemberId }, Token));
            joined = [.. await Task.WhenAll(rejoins.Append(newcomer))];
            Assert.All(joined, j => Assert.Equal(GroupErrorCodes.None, j.ErrorCode));
            Assert.Equal(count + 1, joined.Select(j => j.GenerationId).Distinct().Single());
        }
        return joined;
    }

    public async Task SyncAllAsync(IReadOnlyList<JoinGroupResult> joined)
    {
        var syncs = joined.Select(j => j.MemberId == j.LeaderId ? SyncAsLeaderAsync(j) : SyncAsync(j)).ToList();
        foreach (var sync in await Task.WhenAll(syncs))
            Assert.Equal(GroupErrorCodes.None, sync.ErrorCode);
    }

    public ValueTask DisposeAsync() => Coordinator.DisposeAsync();
}
