using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudDetection.LocalStack;

/// <summary>
/// The discovery file <c>.fraudlab/local/stack.json</c> that <c>local up</c> writes. It is also a configuration source:
/// its <c>Kafka</c> and <c>DynamoDb</c> sections point every component at the running stack, and its <c>LocalStack</c>
/// section records what was started (pids, logs, data folders) so <c>down</c> stops exactly that.
/// </summary>
public sealed record StackDiscovery(
    StackDiscovery.KafkaSection Kafka,
    StackDiscovery.DynamoDbSection DynamoDb,
    StackDiscovery.LocalStackSection LocalStack)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record KafkaSection(string BootstrapServers);

    public sealed record DynamoDbSection(string ServiceUrl);

    /// <summary>Host and ports as in <c>LocalStackOptions</c>, plus the two started processes.</summary>
    public sealed record LocalStackSection(
        string Host,
        int KafkaPort,
        int DynamoDbPort,
        bool KafkaInMemory,
        string? DynamoDbPath,
        DateTimeOffset StartedAt,
        StartedProcess KafkaProcess,
        StartedProcess DynamoDbProcess);

    /// <summary>A started process: pid, the markers its command line must carry, its log and data folder (null: in memory).</summary>
    public sealed record StartedProcess(int Pid, IReadOnlyList<string> Markers, string LogFile, string? DataDirectory)
    {
        /// <summary>True while the pid runs the program we started (not a stranger that reused the pid).</summary>
        [JsonIgnore]
        public bool IsRunning => ProcessTable.Matches(Pid, Markers);
    }

    /// <summary>Reads <paramref name="path"/>; null when absent. An unreadable file is reported, never guessed at.</summary>
    public static StackDiscovery? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StackDiscovery>(File.ReadAllText(path), JsonOptions)
                ?? throw new LocalStackException($"discovery file {path} is empty: delete it and run `fraudlab local up`");
        }
        catch (JsonException ex)
        {
            throw new LocalStackException($"discovery file {path} is not valid ({ex.Message}): delete it and run `fraudlab local up`", ex);
        }
    }

    /// <summary>Writes atomically (temp file + rename) so a reader never sees half a file.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }
}
