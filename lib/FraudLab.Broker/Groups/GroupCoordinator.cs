using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using static FraudLab.Broker.Groups.GroupErrorCodes;

namespace FraudLab.Broker.Groups;

/// <summary>The broker's consumer-group coordinator (classic protocol): membership, rebalances and committed offsets
/// of every group, as Apache Kafka's GroupCoordinator handles them. It knows no wire format: the server decodes a
/// request, calls one method and encodes the result. Safe to call from many connections at once (one lock per group).
/// The store is the caller's: the coordinator loads it on construction and saves to it, but does not dispose it.</summary>
internal sealed class GroupCoordinator : IAsyncDisposable
{
    /// <summary>Kafka's group.min.session.timeout.ms.</summary>
    public const int MinSessionTimeoutMs = 6_000;

    /// <summary>Kafka's group.max.session.timeout.ms.</summary>
    public const int MaxSessionTimeoutMs = 1_800_000;

    private readonly ConcurrentDictionary<string, ConsumerGroup> groups = new(StringComparer.Ordinal);
    private readonly GroupServices services;
    private volatile bool disposed;

    public GroupCoordinator(IGroupStore store, TimeProvider time, ILogger logger)
    {
        services = new GroupServices(store, time, logger);
        foreach (var saved in store.Load())
            groups[saved.GroupId] = ConsumerGroup.Restore(saved, services);
        if (!groups.IsEmpty)
            logger.LogInformation("Group coordinator: loaded {Count} group(s)", groups.Count);
    }

    /// <summary>Joins (or rejoins) a group. Completes when the rebalance completes, at once with an error, or with
    /// MEMBER_ID_REQUIRED and the new member id (KIP-394). Cancelled when <paramref name="cancellationToken"/> is.</summary>
    public Task<JoinGroupResult> JoinAsync(JoinGroupRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<JoinGroupResult>(cancellationToken);
        var error = disposed ? CoordinatorNotAvailable
            : request.GroupId.Length == 0 ? InvalidGroupId
            : request.SessionTimeoutMs is < MinSessionTimeoutMs or > MaxSessionTimeoutMs ? InvalidSessionTimeout
            : request.MemberId.Length > 0 && !groups.ContainsKey(request.GroupId) ? UnknownMemberId // e.g. after an in-memory broker restarted
            : None;
        return error == None
            ? GroupToJoin(request.GroupId).JoinAsync(request, cancellationToken)
            : Task.FromResult(JoinGroupResult.Failed(error, request.MemberId));
    }

    /// <summary>Followers wait here for the leader's assignment; the leader's call delivers it.</summary>
    public Task<SyncGroupResult> SyncAsync(SyncGroupRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<SyncGroupResult>(cancellationToken);
        var group = MemberGroup(request.GroupId, out var error);
        return group is null ? Task.FromResult(SyncGroupResult.Failed(error)) : group.SyncAsync(request, cancellationToken);
    }

    /// <summary>NONE, or REBALANCE_IN_PROGRESS when the member must rejoin, or an error for a stale caller.</summary>
    public short Heartbeat(string groupId, int generationId, string memberId) =>
        MemberGroup(groupId, out var error)?.Heartbeat(generationId, memberId) ?? error;

    public short Leave(string groupId, string memberId) =>
        MemberGroup(groupId, out var error)?.Leave(memberId) ?? error;

    /// <summary>Commits offsets (the next offset to read). Generation -1 is a standalone consumer's commit, accepted while the
    /// group has no members; a member's commit needs the current generation.</summary>
    public IReadOnlyList<OffsetCommitPartitionResult> CommitOffsets(OffsetCommitRequest request)
    {
        if (!disposed && (groups.TryGetValue(request.GroupId, out var group) || request.GenerationId < 0))
            return (group ?? GroupToJoin(request.GroupId)).CommitOffsets(request);
        // An unknown group with a generation: the caller's group is gone (as in Kafka, ILLEGAL_GENERATION).
        var error = disposed ? CoordinatorNotAvailable : IllegalGeneration;
        return [.. request.Partitions.Select(p => new OffsetCommitPartitionResult(p.Topic, p.Partition, error))];
    }

    /// <summary>Applies the offsets of a committed transaction to the group (created if new), whatever its generation.</summary>
    public IReadOnlyList<OffsetCommitPartitionResult> CommitTransactionalOffsets(string groupId, IReadOnlyList<OffsetCommitPartition> partitions) =>
        disposed
            ? [.. partitions.Select(p => new OffsetCommitPartitionResult(p.Topic, p.Partition, CoordinatorNotAvailable))]
            : GroupToJoin(groupId).CommitTransactionalOffsets(partitions);

    /// <summary>The committed offset of one partition; -1 with empty metadata and no error when there is none.</summary>
    public OffsetFetchPartitionResult FetchOffset(string groupId, string topic, int partition)
    {
        if (disposed)
            return new OffsetFetchPartitionResult(-1, "", CoordinatorNotAvailable);
        return groups.TryGetValue(groupId, out var group)
            ? group.FetchOffset(topic, partition)
            : new OffsetFetchPartitionResult(-1, "", None);
    }

    /// <summary>Every committed offset of a group (OffsetFetch with a null topic list).</summary>
    public IReadOnlyList<CommittedOffset> FetchOffsets(string groupId) =>
        groups.TryGetValue(groupId, out var group) ? group.FetchOffsets() : [];

    /// <summary>Call when a topic is deleted: every group forgets its committed offsets for it, as in Kafka.</summary>
    public void DeleteTopicOffsets(string topic)
    {
        foreach (var group in groups.Values)
            group.DeleteOffsets(topic);
    }

    /// <summary>Every live group, including those that only hold offsets (protocol type "").</summary>
    public IReadOnlyList<(string GroupId, string ProtocolType)> ListGroups() =>
        [.. groups.Values
            .Select(g => (g.Id, Listing: g.Listing()))
            .Where(g => g.Listing.State != GroupState.Dead)
            .Select(g => (g.Id, g.Listing.ProtocolType))];

    /// <summary>A group's state and members; an unknown group is Dead with no error (DescribeGroups v0-4).</summary>
    public GroupDescription Describe(string groupId)
    {
        if (disposed)
            return new GroupDescription(CoordinatorNotAvailable, groupId, GroupState.Dead, "", "", []);
        return groups.TryGetValue(groupId, out var group)
            ? group.Describe()
            : new GroupDescription(None, groupId, GroupState.Dead, "", "", []);
    }

    /// <summary>Every pending JoinGroup and SyncGroup completes with COORDINATOR_NOT_AVAILABLE; later calls get it too.</summary>
    public ValueTask DisposeAsync()
    {
        disposed = true;
        foreach (var group in groups.Values)
            group.Shutdown();
        return ValueTask.CompletedTask;
    }

    private ConsumerGroup GroupToJoin(string groupId)
    {
        var group = groups.GetOrAdd(groupId, id => new ConsumerGroup(id, services));
        if (disposed)
            group.Shutdown(); // created while DisposeAsync ran: it must not keep anyone waiting
        return group;
    }

    /// <summary>The group a member calls about, or null and the error to answer (an unknown group has no such member).</summary>
    private ConsumerGroup? MemberGroup(string groupId, out short error)
    {
        error = disposed ? CoordinatorNotAvailable
            : groupId.Length == 0 ? InvalidGroupId
            : UnknownMemberId;
        return !disposed && groupId.Length > 0 && groups.TryGetValue(groupId, out var group) ? group : null;
    }
}
