using System.Text.Json;
using FraudDetection.Model;

namespace FraudDetection.Replay;

/// <summary>Writes records as JSON Lines (one compact UTF-8 object per line) through <see cref="FraudJsonContext"/>.</summary>
public sealed class JsonLinesWriter : IDisposable
{
    private readonly Stream stream;
    private readonly Utf8JsonWriter writer;

    public JsonLinesWriter(Stream stream)
    {
        this.stream = stream;
        writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
    }

    public long Count { get; private set; }

    public static JsonLinesWriter Create(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(directory!);
        return new JsonLinesWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024));
    }

    public void Write<T>(T record)
    {
        FraudJson.Serialize(writer, record);
        writer.Flush();
        writer.Reset();
        stream.WriteByte((byte)'\n');
        Count++;
    }

    /// <summary>Writes <paramref name="records"/> to <paramref name="path"/>; returns how many.</summary>
    public static long WriteAll<T>(string path, IEnumerable<T> records)
    {
        using var lines = Create(path);
        foreach (var record in records)
        {
            lines.Write(record);
        }

        return lines.Count;
    }

    public void Dispose()
    {
        writer.Dispose();
        stream.Dispose();
    }
}
