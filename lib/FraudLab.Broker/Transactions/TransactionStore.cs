using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudLab.Broker.Transactions;

/// <summary>
/// The transaction coordinator's state in one JSON file, <c>transactions/state.json</c> in the broker's data directory
/// (or nowhere, in memory). Every change rewrites it: written to a temporary file, then renamed over the old one, so a
/// crash leaves either the previous or the new state, never half of one. No fsync (as the logs and the group store):
/// a killed process loses nothing acknowledged. A transactional id's state is small, and a broker has a few.
/// </summary>
internal sealed class TransactionStore
{
    public const string FileName = "state.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string? _path;

    /// <param name="directory">Null: in memory, nothing survives a restart.</param>
    public TransactionStore(string? directory)
    {
        if (directory is null) return;
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, FileName);
    }

    /// <summary>What the file holds: every transactional id and the last producer id handed out.</summary>
    public sealed record Snapshot(long LastProducerId, List<TransactionState> Transactions);

    /// <summary>The saved state; empty when there is none. A file that does not parse throws, naming it (never silently dropped).</summary>
    public Snapshot Load()
    {
        if (_path is null || !File.Exists(_path)) return new Snapshot(-1, []);
        try
        {
            return JsonSerializer.Deserialize<Snapshot>(File.ReadAllBytes(_path), Json) ?? new Snapshot(-1, []);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"transaction coordinator state {_path} is damaged ({e.Message}); move it away to start without it", e);
        }
    }

    public void Save(long lastProducerId, IEnumerable<TransactionState> transactions)
    {
        if (_path is null) return;
        var temp = _path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(new Snapshot(lastProducerId, [.. transactions]), Json));
        File.Move(temp, _path, overwrite: true);
    }
}
