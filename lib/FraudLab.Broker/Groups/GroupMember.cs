namespace FraudLab.Broker.Groups;

/// <summary>One member of a group and what the coordinator tracks about it. Guarded by its group's lock.</summary>
internal sealed class GroupMember
{
    private GroupMember(string id, string? groupInstanceId, string clientId, string clientHost,
        int sessionTimeoutMs, int rebalanceTimeoutMs, IReadOnlyList<GroupProtocol> protocols)
    {
        Id = id;
        GroupInstanceId = groupInstanceId;
        ClientId = clientId;
        ClientHost = clientHost;
        SessionTimeoutMs = sessionTimeoutMs;
        RebalanceTimeoutMs = rebalanceTimeoutMs;
        Protocols = protocols;
    }

    public string Id { get; }

    public string? GroupInstanceId { get; }

    public string ClientId { get; private set; }

    public string ClientHost { get; private set; }

    public int SessionTimeoutMs { get; private set; }

    public int RebalanceTimeoutMs { get; private set; }

    /// <summary>In the member's order of preference.</summary>
    public IReadOnlyList<GroupProtocol> Protocols { get; private set; }

    /// <summary>What the leader assigned it in the current generation (empty until then).</summary>
    public byte[] Assignment { get; set; } = [];

    /// <summary>The client does not know this member id yet (it joined without one and awaits its first response).</summary>
    public bool IsNew { get; set; }

    /// <summary>Has joined during the current PreparingRebalance.</summary>
    public bool Rejoined { get; set; }

    public ResponseSlot<JoinGroupResult>? JoinSlot { get; set; }

    public ResponseSlot<SyncGroupResult>? SyncSlot { get; set; }

    /// <summary>The member is removed if no heartbeat (or other request) arrives by then.</summary>
    public DateTimeOffset SessionDeadline { get; private set; }

    /// <summary>Fires at or before <see cref="SessionDeadline"/>.</summary>
    public ITimer? SessionTimer { get; set; }

    /// <summary>A member the coordinator itself keeps waiting is not expired; the rebalance or sync deadline bounds it.</summary>
    public bool IsWaitingOnCoordinator => Rejoined || SyncSlot is not null;

    public TimeSpan SessionTimeout => TimeSpan.FromMilliseconds(SessionTimeoutMs);

    public static GroupMember Joining(string id, JoinGroupRequest request, bool isNew) =>
        new(id, request.GroupInstanceId, request.ClientId, request.ClientHost,
            request.SessionTimeoutMs, request.RebalanceTimeoutMs, request.Protocols) { IsNew = isNew };

    public static GroupMember Restored(StoredMember saved, string protocol) =>
        new(saved.MemberId, saved.GroupInstanceId, saved.ClientId, saved.ClientHost,
            saved.SessionTimeoutMs, saved.RebalanceTimeoutMs, [new GroupProtocol(protocol, saved.Metadata)])
        {
            Assignment = saved.Assignment,
        };

    public void Update(JoinGroupRequest request)
    {
        ClientId = request.ClientId;
        ClientHost = request.ClientHost;
        SessionTimeoutMs = request.SessionTimeoutMs;
        RebalanceTimeoutMs = request.RebalanceTimeoutMs;
        Protocols = request.Protocols;
    }

    public void KeepAlive(DateTimeOffset now) => SessionDeadline = now + SessionTimeout;

    public bool Supports(string protocol) => Protocols.Any(p => p.Name == protocol);

    public byte[] MetadataFor(string protocol) => Protocols.First(p => p.Name == protocol).Metadata;

    /// <summary>Same protocols, same order, same metadata: a rejoin that needs no rebalance.</summary>
    public bool Matches(IReadOnlyList<GroupProtocol> protocols) =>
        protocols.Count == Protocols.Count
        && protocols.Zip(Protocols).All(pair => pair.First.Name == pair.Second.Name
                                                 && pair.First.Metadata.AsSpan().SequenceEqual(pair.Second.Metadata));

    public StoredMember ToStored(string protocol) =>
        new(Id, GroupInstanceId, ClientId, ClientHost, SessionTimeoutMs, RebalanceTimeoutMs, MetadataFor(protocol), Assignment);
}
