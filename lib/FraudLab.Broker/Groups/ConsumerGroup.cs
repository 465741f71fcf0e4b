using Microsoft.Extensions.Logging;
using static FraudLab.Broker.Groups.GroupErrorCodes;

namespace FraudLab.Broker.Groups;

/// <summary>One consumer group: the classic membership state machine (Empty -> PreparingRebalance ->
/// CompletingRebalance -> Stable) and its committed offsets. Every method takes the group's lock; timers
/// (session expiry, rebalance and sync deadlines) come from the shared <see cref="TimeProvider"/>.</summary>
internal sealed class ConsumerGroup
{
    private readonly Lock gate = new();
    private readonly GroupServices services;
    private readonly OrderedDictionary<string, GroupMember> members = new(StringComparer.Ordinal);

    /// <summary>Member ids handed out with MEMBER_ID_REQUIRED whose owners have not joined with them yet;
    /// a rebalance waits for them too (they are about to join), each until its session timeout.</summary>
    private readonly Dictionary<string, ITimer> pendingMembers = new(StringComparer.Ordinal);

    private readonly GroupOffsets offsets;

    /// <summary>Deadline of the current phase: rejoining (PreparingRebalance) or syncing (CompletingRebalance).</summary>
    private ITimer? phaseTimer;
    private int phaseEpoch;

    private GroupState state = GroupState.Empty;
    private int generation;
    private string protocolType = "";
    private string? protocol;
    private string? leaderId;

    public ConsumerGroup(string id, GroupServices services)
    {
        Id = id;
        this.services = services;
        offsets = new GroupOffsets(id, services);
    }

    public string Id { get; }

    private ILogger Logger => services.Logger;

    private DateTimeOffset Now => services.Time.GetUtcNow();

    /// <summary>A group as the store last saved it: Stable with its saved members (who must heartbeat within their
    /// session timeout from now), or Empty.</summary>
    public static ConsumerGroup Restore(StoredGroupState saved, GroupServices services)
    {
        var group = new ConsumerGroup(saved.GroupId, services);
        group.offsets.Restore(saved.Offsets);
        if (saved.Membership is not { } membership)
            return group;
        group.protocolType = membership.ProtocolType;
        group.generation = membership.GenerationId;
        if (membership is { Protocol: { } savedProtocol, Members.Count: > 0 })
        {
            foreach (var member in membership.Members)
                group.Track(GroupMember.Restored(member, savedProtocol));
            group.protocol = savedProtocol;
            group.leaderId = membership.LeaderId is { } leader && group.members.ContainsKey(leader) ? leader : group.members.GetAt(0).Key;
            group.state = GroupState.Stable;
        }
        return group;
    }

    public Task<JoinGroupResult> JoinAsync(JoinGroupRequest request, CancellationToken cancellationToken)
    {
        ResponseSlot<JoinGroupResult> slot;
        GroupMember? waiting;
        lock (gate)
            slot = Join(request, out waiting);
        if (waiting is not null)
            slot.CancelOn(cancellationToken, () => OnJoinCancelled(waiting, slot, cancellationToken));
        return slot.Task;
    }

    public Task<SyncGroupResult> SyncAsync(SyncGroupRequest request, CancellationToken cancellationToken)
    {
        ResponseSlot<SyncGroupResult> slot;
        GroupMember? waiting;
        lock (gate)
            slot = Sync(request, out waiting);
        if (waiting is not null)
            slot.CancelOn(cancellationToken, () => OnSyncCancelled(waiting, slot, cancellationToken));
        return slot.Task;
    }

    public short Heartbeat(int generationId, string memberId)
    {
        lock (gate)
        {
            if (state == GroupState.Dead)
                return CoordinatorNotAvailable;
            if (!members.TryGetValue(memberId, out var member))
                return UnknownMemberId;
            if (generationId != generation)
                return IllegalGeneration;
            member.KeepAlive(Now);
            return state == GroupState.PreparingRebalance ? RebalanceInProgress : None;
        }
    }

    public short Leave(string memberId)
    {
        lock (gate)
        {
            if (state == GroupState.Dead)
                return CoordinatorNotAvailable;
            if (pendingMembers.Remove(memberId, out var pending))
            {
                pending.Dispose();
                TryCompleteJoin();
                return None;
            }
            if (!members.TryGetValue(memberId, out var member))
                return UnknownMemberId;
            Logger.LogInformation("Group {Group}: member {Member} left", Id, memberId);
            RemoveMember(member, UnknownMemberId);
            AfterMemberRemoved($"member {memberId} left");
            return None;
        }
    }

    public IReadOnlyList<OffsetCommitPartitionResult> CommitOffsets(OffsetCommitRequest request)
    {
        lock (gate)
        {
            var error = CommitError(request);
            return error == None
                ? offsets.Commit(request.Partitions)
                : [.. request.Partitions.Select(p => new OffsetCommitPartitionResult(p.Topic, p.Partition, error))];
        }
    }

    /// <summary>Applies offsets a committed transaction held (TxnOffsetCommit): no generation check, as in Kafka,
    /// since the transaction coordinator already fenced the producer that sent them.</summary>
    public IReadOnlyList<OffsetCommitPartitionResult> CommitTransactionalOffsets(IReadOnlyList<OffsetCommitPartition> partitions)
    {
        lock (gate)
        {
            return state == GroupState.Dead
                ? [.. partitions.Select(p => new OffsetCommitPartitionResult(p.Topic, p.Partition, CoordinatorNotAvailable))]
                : offsets.Commit(partitions);
        }
    }

    public OffsetFetchPartitionResult FetchOffset(string topic, int partition)
    {
        lock (gate)
        {
            if (state == GroupState.Dead)
                return new OffsetFetchPartitionResult(-1, "", CoordinatorNotAvailable);
            return offsets.Fetch(topic, partition);
        }
    }

    public void DeleteOffsets(string topic)
    {
        lock (gate)
            offsets.DeleteTopic(topic);
    }

    public IReadOnlyList<CommittedOffset> FetchOffsets()
    {
        lock (gate)
            return offsets.All();
    }

    public (GroupState State, string ProtocolType) Listing()
    {
        lock (gate)
            return (state, protocolType);
    }

    public GroupDescription Describe()
    {
        lock (gate)
        {
            var stable = state == GroupState.Stable;
            var described = members.Values.Select(m => new MemberDescription(m.Id, m.ClientId, m.ClientHost,
                stable ? m.MetadataFor(protocol!) : [], stable ? m.Assignment : [], m.GroupInstanceId));
            return new GroupDescription(None, Id, state, protocolType, stable ? protocol! : "", [.. described]);
        }
    }

    /// <summary>The coordinator is shutting down: every waiting caller gets COORDINATOR_NOT_AVAILABLE (so the client
    /// looks for the coordinator again) and every timer stops.</summary>
    public void Shutdown()
    {
        lock (gate)
        {
            state = GroupState.Dead;
            DisarmPhaseTimer();
            foreach (var member in members.Values)
                ReleaseMember(member, CoordinatorNotAvailable);
            members.Clear();
            foreach (var pending in pendingMembers.Values)
                pending.Dispose();
            pendingMembers.Clear();
        }
    }

    private ResponseSlot<JoinGroupResult> Join(JoinGroupRequest request, out GroupMember? waiting)
    {
        waiting = null;
        if (state == GroupState.Dead)
            return Failed(CoordinatorNotAvailable);
        var others = members.Values.Where(m => m.Id != request.MemberId).ToList();
        if (request.ProtocolType.Length == 0 || request.Protocols.Count == 0
            || (others.Count > 0 && (request.ProtocolType != protocolType || !ProtocolSelection.FitsWith(request.Protocols, others))))
            return Failed(InconsistentGroupProtocol);

        if (request.MemberId.Length == 0)
            return JoinAsNewMember(request, out waiting);
        if (pendingMembers.Remove(request.MemberId, out var pending))
        {
            pending.Dispose();
            waiting = AddMember(request.MemberId, request, isNew: false);
            return AwaitRebalance(waiting);
        }
        if (!members.TryGetValue(request.MemberId, out var member))
            return Failed(UnknownMemberId);
        if (member.GroupInstanceId != request.GroupInstanceId)
            return Failed(FencedInstanceId);
        return Rejoin(member, request, out waiting);

        ResponseSlot<JoinGroupResult> Failed(short error) =>
            ResponseSlot<JoinGroupResult>.Completed(JoinGroupResult.Failed(error, request.MemberId));
    }

    private ResponseSlot<JoinGroupResult> JoinAsNewMember(JoinGroupRequest request, out GroupMember? waiting)
    {
        waiting = null;
        if (request.GroupInstanceId is { } instanceId && members.Values.FirstOrDefault(m => m.GroupInstanceId == instanceId) is { } previous)
        {
            // A static member restarted (KIP-345): its previous incarnation is fenced. Unlike Kafka, which hands the
            // new incarnation the old assignment without a rebalance, the group simply rebalances.
            Logger.LogInformation("Group {Group}: static member {Instance} rejoined; fencing {Member}", Id, instanceId, previous.Id);
            RemoveMember(previous, FencedInstanceId);
        }
        var memberId = $"{request.ClientId}-{Guid.NewGuid()}";
        if (request.RequireKnownMemberId && request.GroupInstanceId is null)
        {
            // KIP-394: hand out the id first, so a client that never comes back leaves no member behind.
            var timer = services.Time.CreateTimer(_ => OnPendingMemberExpired(memberId), null,
                TimeSpan.FromMilliseconds(request.SessionTimeoutMs), Timeout.InfiniteTimeSpan);
            pendingMembers.Add(memberId, timer);
            return ResponseSlot<JoinGroupResult>.Completed(JoinGroupResult.Failed(MemberIdRequired, memberId));
        }
        waiting = AddMember(memberId, request, isNew: true);
        return AwaitRebalance(waiting);
    }

    private ResponseSlot<JoinGroupResult> Rejoin(GroupMember member, JoinGroupRequest request, out GroupMember? waiting)
    {
        // Outside a rebalance, a follower rejoining with what it had gets the current generation back; the leader
        // rejoining (e.g. because topic metadata changed) or anyone with new metadata starts a rebalance.
        var unchanged = member.Matches(request.Protocols) && (state == GroupState.CompletingRebalance || member.Id != leaderId);
        if (state != GroupState.PreparingRebalance && unchanged)
        {
            waiting = null;
            member.KeepAlive(Now);
            return ResponseSlot<JoinGroupResult>.Completed(JoinResultFor(member));
        }
        UpdateMember(member, request);
        if (state != GroupState.PreparingRebalance)
            PrepareRebalance(member.Id == leaderId ? "the leader rejoined" : $"member {member.Id} rejoined with new metadata");
        waiting = member;
        return AwaitRebalance(member);
    }

    private ResponseSlot<SyncGroupResult> Sync(SyncGroupRequest request, out GroupMember? waiting)
    {
        waiting = null;
        if (state == GroupState.Dead)
            return Failed(CoordinatorNotAvailable);
        if (!members.TryGetValue(request.MemberId, out var member))
            return Failed(UnknownMemberId);
        if (request.GenerationId != generation)
            return Failed(IllegalGeneration);
        if (state == GroupState.PreparingRebalance)
            return Failed(RebalanceInProgress);

        member.KeepAlive(Now);
        if (state == GroupState.CompletingRebalance)
        {
            if (member.Id == leaderId)
                CompleteSync(request.Assignments);
            else
            {
                member.SyncSlot?.Complete(SyncGroupResult.Failed(RebalanceInProgress)); // a retried sync replaces the first
                member.SyncSlot = new ResponseSlot<SyncGroupResult>();
                waiting = member;
                return member.SyncSlot;
            }
        }
        return ResponseSlot<SyncGroupResult>.Completed(new SyncGroupResult(None, member.Assignment));

        static ResponseSlot<SyncGroupResult> Failed(short error) =>
            ResponseSlot<SyncGroupResult>.Completed(SyncGroupResult.Failed(error));
    }

    private short CommitError(OffsetCommitRequest request)
    {
        if (state == GroupState.Dead)
            return CoordinatorNotAvailable;
        if (request.GenerationId < 0 && state == GroupState.Empty)
            return None; // a standalone consumer: the group only stores its offsets
        if (state == GroupState.CompletingRebalance)
            return RebalanceInProgress;
        if (!members.TryGetValue(request.MemberId, out var member))
            return UnknownMemberId;
        if (request.GenerationId != generation)
            return IllegalGeneration;
        member.KeepAlive(Now);
        return None; // PreparingRebalance included: members commit what they processed before rejoining
    }

    private GroupMember AddMember(string memberId, JoinGroupRequest request, bool isNew)
    {
        var member = GroupMember.Joining(memberId, request, isNew);
        Track(member);
        protocolType = request.ProtocolType; // checked equal to the group's unless the group was empty
        leaderId ??= memberId;
        if (state != GroupState.PreparingRebalance)
            PrepareRebalance($"member {memberId} joined");
        return member;
    }

    /// <summary>Adds a member and starts its session timer.</summary>
    private void Track(GroupMember member)
    {
        members.Add(member.Id, member);
        member.KeepAlive(Now);
        member.SessionTimer = services.Time.CreateTimer(_ => OnSessionTimer(member), null, member.SessionTimeout, Timeout.InfiniteTimeSpan);
    }

    private void UpdateMember(GroupMember member, JoinGroupRequest request)
    {
        member.Update(request);
        protocolType = request.ProtocolType;
        member.KeepAlive(Now);
        member.SessionTimer?.Change(member.SessionTimeout, Timeout.InfiniteTimeSpan);
    }

    private ResponseSlot<JoinGroupResult> AwaitRebalance(GroupMember member)
    {
        member.Rejoined = true;
        member.JoinSlot?.Complete(JoinGroupResult.Failed(RebalanceInProgress, member.Id)); // a retried join replaces the first
        var slot = new ResponseSlot<JoinGroupResult>();
        member.JoinSlot = slot;
        Logger.LogDebug("Group {Group}: member {Member} joined; {Joined} of {Count} member(s) in", Id, member.Id,
            members.Values.Count(m => m.Rejoined), members.Count);
        TryCompleteJoin();
        return slot;
    }

    private void PrepareRebalance(string reason)
    {
        if (state == GroupState.CompletingRebalance)
            foreach (var member in members.Values)
                AnswerSync(member, SyncGroupResult.Failed(RebalanceInProgress));
        state = GroupState.PreparingRebalance;
        ArmPhaseTimer();
        Logger.LogInformation("Group {Group}: rebalancing generation {Generation}: {Reason}", Id, generation, reason);
    }

    /// <summary>Completes the rebalance as soon as every known member has rejoined and no handed-out id is outstanding.</summary>
    private void TryCompleteJoin()
    {
        if (state == GroupState.PreparingRebalance && pendingMembers.Count == 0 && members.Values.All(m => m.Rejoined))
            CompleteJoin();
    }

    private void CompleteJoin()
    {
        generation++;
        if (members.Count == 0)
        {
            state = GroupState.Empty;
            protocol = null;
            leaderId = null;
            DisarmPhaseTimer();
            SaveMembership();
            Logger.LogInformation("Group {Group}: generation {Generation} is empty", Id, generation);
            return;
        }
        protocol = ProtocolSelection.Select(members.Values);
        state = GroupState.CompletingRebalance;
        var now = Now;
        foreach (var member in members.Values)
        {
            member.Rejoined = false;
            member.IsNew = false;
            member.Assignment = [];
            member.KeepAlive(now);
            var slot = member.JoinSlot;
            member.JoinSlot = null;
            slot?.Complete(JoinResultFor(member));
        }
        ArmPhaseTimer();
        Logger.LogInformation("Group {Group}: generation {Generation} with {Count} member(s), protocol {Protocol}, leader {Leader}",
            Id, generation, members.Count, protocol, leaderId);
    }

    private void CompleteSync(IReadOnlyList<(string MemberId, byte[] Assignment)> assignments)
    {
        var byMember = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (memberId, assignment) in assignments)
            byMember[memberId] = assignment;
        foreach (var member in members.Values)
            member.Assignment = byMember.GetValueOrDefault(member.Id) ?? [];
        state = GroupState.Stable;
        DisarmPhaseTimer();
        SaveMembership();
        foreach (var member in members.Values)
            AnswerSync(member, new SyncGroupResult(None, member.Assignment));
    }

    private JoinGroupResult JoinResultFor(GroupMember member) =>
        new(None, generation, protocol!, leaderId!, member.Id,
            member.Id == leaderId ? [.. members.Values.Select(m => new JoinGroupMember(m.Id, m.GroupInstanceId, m.MetadataFor(protocol!)))] : []);

    /// <summary>Removes a member; its waiting requests fail with <paramref name="error"/>. The caller moves the group on.</summary>
    private void RemoveMember(GroupMember member, short error)
    {
        members.Remove(member.Id);
        ReleaseMember(member, error);
        if (leaderId == member.Id)
            leaderId = members.Count > 0 ? members.GetAt(0).Key : null;
    }

    private static void ReleaseMember(GroupMember member, short error)
    {
        member.SessionTimer?.Dispose();
        var joinSlot = member.JoinSlot;
        member.JoinSlot = null;
        joinSlot?.Complete(JoinGroupResult.Failed(error, member.Id));
        TakeSyncSlot(member)?.Complete(SyncGroupResult.Failed(error));
    }

    /// <summary>Answers a waiting follower; its session restarts now that the coordinator no longer holds it.</summary>
    private void AnswerSync(GroupMember member, SyncGroupResult result)
    {
        if (TakeSyncSlot(member) is not { } slot)
            return;
        member.KeepAlive(Now);
        slot.Complete(result);
    }

    private static ResponseSlot<SyncGroupResult>? TakeSyncSlot(GroupMember member)
    {
        var slot = member.SyncSlot;
        member.SyncSlot = null;
        return slot;
    }

    private void AfterMemberRemoved(string reason)
    {
        if (state is GroupState.Stable or GroupState.CompletingRebalance)
            PrepareRebalance(reason);
        TryCompleteJoin();
    }

    private void OnSessionTimer(GroupMember member)
    {
        lock (gate)
        {
            if (!members.TryGetValue(member.Id, out var current) || current != member)
                return;
            var now = Now;
            if (member.IsWaitingOnCoordinator)
                member.KeepAlive(now);
            if (now < member.SessionDeadline)
            {
                member.SessionTimer?.Change(member.SessionDeadline - now, Timeout.InfiniteTimeSpan);
                return;
            }
            Logger.LogInformation("Group {Group}: member {Member} expired: no heartbeat for {Timeout} ms", Id, member.Id, member.SessionTimeoutMs);
            RemoveMember(member, UnknownMemberId);
            AfterMemberRemoved($"member {member.Id} expired");
        }
    }

    private void OnPendingMemberExpired(string memberId)
    {
        lock (gate)
        {
            if (!pendingMembers.Remove(memberId, out var timer))
                return;
            timer.Dispose();
            TryCompleteJoin();
        }
    }

    private void ArmPhaseTimer()
    {
        DisarmPhaseTimer();
        var epoch = phaseEpoch;
        var timeout = TimeSpan.FromMilliseconds(members.Values.Select(m => m.RebalanceTimeoutMs).DefaultIfEmpty(0).Max());
        phaseTimer = services.Time.CreateTimer(_ => OnPhaseTimeout(epoch), null, timeout, Timeout.InfiniteTimeSpan);
    }

    private void DisarmPhaseTimer()
    {
        phaseEpoch++;
        phaseTimer?.Dispose();
        phaseTimer = null;
    }

    /// <summary>The rebalance (or sync) deadline passed: members that did not rejoin (or sync) in time are dropped.</summary>
    private void OnPhaseTimeout(int epoch)
    {
        lock (gate)
        {
            if (epoch != phaseEpoch)
                return;
            if (state == GroupState.PreparingRebalance)
            {
                foreach (var late in members.Values.Where(m => !m.Rejoined).ToList())
                {
                    Logger.LogInformation("Group {Group}: member {Member} did not rejoin within the rebalance timeout", Id, late.Id);
                    RemoveMember(late, UnknownMemberId);
                }
                foreach (var pending in pendingMembers.Values)
                    pending.Dispose();
                pendingMembers.Clear();
                CompleteJoin();
            }
            else if (state == GroupState.CompletingRebalance)
            {
                // The leader never sent the assignment, or followers never asked for theirs.
                foreach (var late in members.Values.Where(m => m.SyncSlot is null).ToList())
                {
                    Logger.LogInformation("Group {Group}: member {Member} did not sync within the rebalance timeout", Id, late.Id);
                    RemoveMember(late, UnknownMemberId);
                }
                AfterMemberRemoved("members did not sync in time");
            }
        }
    }

    private void OnJoinCancelled(GroupMember member, ResponseSlot<JoinGroupResult> slot, CancellationToken token)
    {
        lock (gate)
        {
            if (!slot.IsPending)
                return;
            // The caller will not read the response. A known member still counts as rejoined (as in Kafka: it learns the
            // new generation on its next request); a new member never learned its id, so nobody can ever use it.
            if (member.JoinSlot == slot)
                member.JoinSlot = null;
            if (member.IsNew && members.TryGetValue(member.Id, out var current) && current == member)
            {
                RemoveMember(member, UnknownMemberId);
                AfterMemberRemoved($"new member {member.Id} gave up joining");
            }
            slot.Cancel(token);
        }
    }

    private void OnSyncCancelled(GroupMember member, ResponseSlot<SyncGroupResult> slot, CancellationToken token)
    {
        lock (gate)
        {
            if (member.SyncSlot == slot)
                member.SyncSlot = null;
            slot.Cancel(token);
        }
    }

    /// <summary>Saves the membership on becoming Stable or Empty. A failure only costs a rebalance after a restart,
    /// so it is logged and the group goes on.</summary>
    private void SaveMembership()
    {
        var saved = new StoredMembership(protocolType, generation, protocol, leaderId,
            [.. members.Values.Select(m => m.ToStored(protocol!))]);
        try
        {
            services.Store.SaveMembership(Id, saved);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Logger.LogWarning("Group {Group}: could not save generation {Generation}; its members will rejoin after a restart: {Error}",
                Id, generation, e.Message);
        }
    }
}
