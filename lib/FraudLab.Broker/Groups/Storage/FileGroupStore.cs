using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudLab.Broker.Groups;

/// <summary>A group store in one append-only file, <c>groups.log</c>, in the broker's data directory. Every save is
/// one CRC-checked record written straight to the OS (no fsync per commit, as Kafka: a killed process loses nothing
/// acknowledged, a power cut may lose the last commits). On opening, records are replayed up to the first torn or
/// damaged one, and the log is compacted (written to a temporary file, flushed to disk, renamed over the log; the
/// directory itself is not flushed, so a power cut right after may leave the previous, equally valid log);
/// it is compacted again whenever superseded records pile up.</summary>
internal sealed class FileGroupStore : IGroupStore, IDisposable
{
    public const string FileName = "groups.log";

    /// <summary>Appended records tolerated beyond the live ones before compacting.</summary>
    private const int CompactionSlack = 10_000;

    private readonly Lock gate = new();
    private readonly GroupStoreState state = new();
    private readonly ILogger logger;
    private readonly string path;
    private FileStream log;
    private int recordsInLog;
    private bool disposed;

    public FileGroupStore(string directory, ILogger? logger = null)
    {
        this.logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(directory);
        path = Path.Combine(directory, FileName);
        File.Delete(TempPath); // left by a compaction that did not finish; the log itself is intact
        Recover();
        log = OpenForAppend();
        try
        {
            Compact();
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    private string TempPath => path + ".tmp";

    public IReadOnlyList<StoredGroupState> Load()
    {
        lock (gate)
            return state.Snapshot();
    }

    public void SaveMembership(string groupId, StoredMembership membership) =>
        Append(GroupStoreRecords.Membership(groupId, membership), s => s.ApplyMembership(groupId, membership));

    public void SaveOffsets(string groupId, IReadOnlyList<CommittedOffset> offsets) =>
        Append(GroupStoreRecords.Offsets(groupId, offsets), s => s.ApplyOffsets(groupId, offsets));

    public void DeleteOffsets(string groupId, string topic) =>
        Append(GroupStoreRecords.OffsetsDeleted(groupId, topic), s => s.RemoveOffsets(groupId, topic));

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            log.Dispose();
        }
    }

    private void Append(byte[] record, Action<GroupStoreState> apply)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var end = log.Position;
            try
            {
                log.Write(record);
            }
            catch (IOException)
            {
                log.SetLength(end); // no half record may stay in front of the next one
                throw;
            }
            apply(state);
            if (++recordsInLog > CompactionSlack + state.RecordCount)
                CompactWhileRunning();
        }
    }

    private void CompactWhileRunning()
    {
        try
        {
            Compact();
        }
        catch (IOException e)
        {
            recordsInLog = 0; // try again after as many records
            logger.LogWarning("Group store {Path}: compaction failed, still appending: {Error}", path, e.Message);
        }
    }

    /// <summary>Rewrites the log with only the live records.</summary>
    private void Compact()
    {
        using (var output = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var group in state.Snapshot())
            {
                if (group.Membership is { } membership)
                    output.Write(GroupStoreRecords.Membership(group.GroupId, membership));
                if (group.Offsets.Count > 0)
                    output.Write(GroupStoreRecords.Offsets(group.GroupId, group.Offsets));
            }
            output.Flush(flushToDisk: true);
        }
        log.Dispose();
        try
        {
            File.Move(TempPath, path, overwrite: true);
            recordsInLog = state.RecordCount;
        }
        finally
        {
            log = OpenForAppend(); // the compacted log, or the previous one if the rename failed
        }
    }

    /// <summary>Unbuffered: every record reaches the OS in one write.</summary>
    private FileStream OpenForAppend()
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    /// <summary>Replays the log. A torn last record (an interrupted append, never acknowledged) is dropped; a damaged
    /// record ends the replay too, and the whole file is kept aside so that nothing after it is lost for good.</summary>
    private void Recover()
    {
        if (!File.Exists(path))
            return;
        var bytes = File.ReadAllBytes(path);
        for (int position = 0, records = 0; position < bytes.Length; records++)
        {
            var outcome = GroupStoreRecords.TryApply(bytes.AsSpan(position), state, out var length, out var problem);
            if (outcome == GroupStoreRecords.ReadOutcome.Applied)
            {
                position += length;
                continue;
            }
            if (outcome == GroupStoreRecords.ReadOutcome.Torn)
                logger.LogWarning("Group store {Path}: dropped a torn record at byte {Position} ({Problem}); recovered the {Records} record(s) before it",
                    path, position, problem, records);
            else
                logger.LogWarning("Group store {Path}: damaged record at byte {Position} ({Problem}); recovered the {Records} record(s) before it, kept the file as {Copy}",
                    path, position, problem, records, KeepDamagedCopy());
            return;
        }
    }

    private string KeepDamagedCopy()
    {
        var number = 1;
        while (File.Exists($"{path}.damaged-{number}"))
            number++;
        var copy = $"{path}.damaged-{number}";
        File.Copy(path, copy);
        return copy;
    }
}
