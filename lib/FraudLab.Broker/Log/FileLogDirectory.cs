using System.Globalization;
using System.Text.Json;

namespace FraudLab.Broker.Log;

/// <summary>
/// The on-disk layout: <c>topics/&lt;topic&gt;/topic.json</c> (partition count and configs) and
/// <c>topics/&lt;topic&gt;/&lt;partition&gt;/&lt;base offset, 20 digits&gt;.log</c>, as Kafka names segments.
/// A lock file keeps a second broker from recovering (and so truncating) segments the first is writing.
/// </summary>
internal sealed class FileLogDirectory : ILogDirectory
{
    private const string TopicFile = "topic.json";
    private readonly string _topicsRoot;
    private readonly FileStream _lock;

    public FileLogDirectory(string root)
    {
        Directory.CreateDirectory(root);
        _topicsRoot = Path.Combine(root, "topics");
        var lockPath = Path.Combine(root, ".lock");
        try
        {
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"data directory {root} is in use by another broker ({lockPath} is locked)", e);
        }
    }

    public IEnumerable<TopicDefinition> LoadTopics()
    {
        if (!Directory.Exists(_topicsRoot)) yield break;
        foreach (var directory in Directory.EnumerateDirectories(_topicsRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, TopicFile);
            if (!File.Exists(file)) continue;
            yield return Read(file);
        }
    }

    /// <summary>A topic file that does not parse stops the start with its path: better than serving without that topic's data.</summary>
    private static TopicDefinition Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), TopicDefinitionJson.Default.TopicDefinition)
                ?? throw new InvalidDataException($"{file} holds no topic definition");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not a valid topic definition: {e.Message}", e);
        }
    }

    public void SaveTopic(TopicDefinition topic)
    {
        var directory = TopicPath(topic.Name);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, TopicFile);
        // Write then rename so a crash never leaves a half-written topic file.
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(topic, TopicDefinitionJson.Default.TopicDefinition));
        File.Move(file + ".tmp", file, overwrite: true);
    }

    public void DeleteTopic(string name)
    {
        var directory = TopicPath(name);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    public IReadOnlyList<(long BaseOffset, DateTimeOffset LastWrite, ISegmentStorage Storage)> OpenSegments(string topic, int partition)
    {
        var directory = PartitionPath(topic, partition);
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory, "*.log")
            .Select(path => (Path: path, Base: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : -1))
            .Where(s => s.Base >= 0)
            .OrderBy(s => s.Base)
            .Select(s => (s.Base, new DateTimeOffset(File.GetLastWriteTimeUtc(s.Path)), (ISegmentStorage)new FileSegmentStorage(s.Path)))
            .ToList();
    }

    public ISegmentStorage CreateSegment(string topic, int partition, long baseOffset)
    {
        var directory = PartitionPath(topic, partition);
        Directory.CreateDirectory(directory);
        return new FileSegmentStorage(Path.Combine(directory, baseOffset.ToString("D20", CultureInfo.InvariantCulture) + ".log"));
    }

    private string TopicPath(string topic) => Path.Combine(_topicsRoot, topic);

    private string PartitionPath(string topic, int partition) =>
        Path.Combine(TopicPath(topic), partition.ToString(CultureInfo.InvariantCulture));

    public void Dispose() => _lock.Dispose();
}
