using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudLab.Bench.Reporting;

/// <summary>Writes <c>results.json</c> and <c>results.md</c> for a run.</summary>
public static class BenchReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A failed part is recorded as NaN with a note.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(BenchReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static BenchReport FromJson(string json) =>
        JsonSerializer.Deserialize<BenchReport>(json, JsonOptions) ?? throw new InvalidDataException("benchmark results file is empty");

    /// <summary>A markdown table: one row per result, with the target and whether it was met.</summary>
    public static string ToMarkdown(BenchReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"Measured {report.StartedAt:yyyy-MM-dd} ({report.Profile} run, {report.Duration.TotalSeconds:F0} s) on {report.Machine.Cores} cores, {report.Machine.MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB, {report.Machine.OperatingSystem}, {report.Machine.Runtime}, Confluent.Kafka {report.Machine.ConfluentKafkaVersion} (librdkafka {report.Machine.LibrdkafkaVersion}).");
        md.AppendLine();
        md.AppendLine("| measurement | value | p50 / p90 / p99 / p99.9 / max (ms) | target | met |");
        md.AppendLine("|---|---:|---|---:|:---:|");
        foreach (var r in report.Results)
        {
            var latency = r.Latency is { Count: > 0 } l
                ? string.Create(inv, $"{l.P50Ms:0.###} / {l.P90Ms:0.###} / {l.P99Ms:0.###} / {l.P999Ms:0.###} / {l.MaxMs:0.###}")
                : "";
            var target = r.Target is { } t ? (r.HigherIsBetter ? "≥ " : "≤ ") + Format(t) + " " + r.Unit : "";
            var met = r.TargetMet switch { true => "yes", false => "**no**", null => "" };
            md.AppendLine(inv, $"| {r.Name} | {Format(r.Value)} {r.Unit} | {latency} | {target} | {met} |");
        }

        var notes = report.Results.Where(r => !string.IsNullOrWhiteSpace(r.Notes)).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine();
            foreach (var r in notes)
            {
                md.AppendLine(inv, $"- {r.Name}: {r.Notes}");
            }
        }

        return md.ToString();
    }

    /// <summary>Writes both files into <paramref name="directory"/> and returns their paths.</summary>
    public static (string Json, string Markdown) Write(BenchReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "results.json");
        var markdown = Path.Combine(directory, "results.md");
        File.WriteAllText(json, ToJson(report));
        File.WriteAllText(markdown, ToMarkdown(report));
        return (json, markdown);
    }

    private static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
