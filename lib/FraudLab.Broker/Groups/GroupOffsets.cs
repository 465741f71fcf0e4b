using System.Text;
using Microsoft.Extensions.Logging;
using static FraudLab.Broker.Groups.GroupErrorCodes;

namespace FraudLab.Broker.Groups;

/// <summary>The committed offsets of one group. A commit is saved to the store before it is served, so an offset a
/// client was told is committed survives a restart. Guarded by its group's lock.</summary>
internal sealed class GroupOffsets(string groupId, GroupServices services)
{
    /// <summary>Kafka's offset.metadata.max.bytes.</summary>
    private const int MaxMetadataBytes = 4096;

    private readonly Dictionary<(string Topic, int Partition), CommittedOffset> offsets = [];

    public void Restore(IEnumerable<CommittedOffset> saved)
    {
        foreach (var offset in saved)
            offsets[(offset.Topic, offset.Partition)] = offset;
    }

    /// <summary>Commits what the caller (already checked to be allowed to) sent: per partition NONE, OFFSET_METADATA_TOO_LARGE,
    /// or COORDINATOR_NOT_AVAILABLE when the store failed (the client retries).</summary>
    public IReadOnlyList<OffsetCommitPartitionResult> Commit(IReadOnlyList<OffsetCommitPartition> partitions)
    {
        var errors = partitions
            .Select(p => Encoding.UTF8.GetByteCount(p.Metadata ?? "") > MaxMetadataBytes ? OffsetMetadataTooLarge : None)
            .ToArray();
        var accepted = partitions
            .Where((_, i) => errors[i] == None)
            .Select(p => new CommittedOffset(p.Topic, p.Partition, p.Offset, p.Metadata ?? ""))
            .ToList();
        if (accepted.Count > 0 && TrySave(accepted))
            foreach (var offset in accepted)
                offsets[(offset.Topic, offset.Partition)] = offset;
        else if (accepted.Count > 0)
            errors.AsSpan().Replace(None, CoordinatorNotAvailable);
        return [.. partitions.Select((p, i) => new OffsetCommitPartitionResult(p.Topic, p.Partition, errors[i]))];
    }

    public OffsetFetchPartitionResult Fetch(string topic, int partition) =>
        offsets.TryGetValue((topic, partition), out var committed)
            ? new OffsetFetchPartitionResult(committed.Offset, committed.Metadata, None)
            : new OffsetFetchPartitionResult(-1, "", None);

    public IReadOnlyList<CommittedOffset> All() => [.. offsets.Values];

    /// <summary>Forgets a deleted topic's offsets, so that consumers of a topic created again under its name start
    /// where auto.offset.reset says, not at positions in the old log.</summary>
    public void DeleteTopic(string topic)
    {
        var keys = offsets.Keys.Where(k => k.Topic == topic).ToList();
        if (keys.Count == 0)
            return;
        try
        {
            services.Store.DeleteOffsets(groupId, topic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            services.Logger.LogWarning("Group {Group}: could not save the deletion of topic {Topic}'s offsets; they return after a restart: {Error}",
                groupId, topic, e.Message);
        }
        foreach (var key in keys)
            offsets.Remove(key);
    }

    private bool TrySave(IReadOnlyList<CommittedOffset> committed)
    {
        try
        {
            services.Store.SaveOffsets(groupId, committed);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            services.Logger.LogError("Group {Group}: could not save {Count} committed offset(s), answering COORDINATOR_NOT_AVAILABLE: {Error}",
                groupId, committed.Count, e.Message);
            return false;
        }
    }
}
