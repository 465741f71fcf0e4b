namespace FraudLab.Broker.Groups;

/// <summary>A SyncGroup response: the caller's assignment, relayed as the leader sent it (empty with an error).</summary>
internal sealed record SyncGroupResult(short ErrorCode, byte[] Assignment)
{
    internal static SyncGroupResult Failed(short errorCode) => new(errorCode, []);
}
