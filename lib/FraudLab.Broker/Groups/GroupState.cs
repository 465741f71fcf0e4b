namespace FraudLab.Broker.Groups;

/// <summary>The classic group states; the names are the strings Kafka reports in DescribeGroups and ListGroups.</summary>
internal enum GroupState
{
    /// <summary>No members; the group may still hold committed offsets.</summary>
    Empty,

    /// <summary>Waiting for every known member to rejoin (or for the rebalance timeout).</summary>
    PreparingRebalance,

    /// <summary>Joined; waiting for the leader's assignment in SyncGroup.</summary>
    CompletingRebalance,

    /// <summary>Every member has its assignment.</summary>
    Stable,

    /// <summary>Unknown group, or the coordinator is shut down.</summary>
    Dead,
}
