using System.Text.Json;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudLab.Notebooks.Execution;

namespace Workshop.Tests.Workshop;

/// <summary>
/// The workshop as <c>fraudlab workshop</c> runs it, for the notebook tests: a local stack started through the
/// library (in memory, free ports, its own state folder), and the notebooks run in order through the engine. A test
/// asks for its notebook; every earlier notebook runs first, once (they build on each other's data). Stops the
/// stack at the end.
/// </summary>
public sealed class WorkshopSession : IAsyncLifetime
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<string, NotebookRunResult> _results = new(StringComparer.Ordinal);
    private readonly string _work = Directory.CreateTempSubdirectory("fraudlab-workshop-test-").FullName;
    private LocalStackManager? _stack;

    public KitPaths Paths { get; } = KitPaths.Discover();

    public string OutputDirectory => Path.Combine(_work, "notebooks");

    public string ChartsDirectory => Path.Combine(_work, "charts");

    public IReadOnlyDictionary<string, string?> Environment { get; private set; } = new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        var kafkaPort = TcpPorts.FindFree();
        var dynamoPort = TcpPorts.FindFree();
        Environment = new Dictionary<string, string?>
        {
            ["FRAUDLAB_LocalStack__StateDirectory"] = Path.Combine(_work, "stack"),
            ["FRAUDLAB_LocalStack__KafkaPort"] = kafkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FRAUDLAB_LocalStack__DynamoDbPort"] = dynamoPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FRAUDLAB_LocalStack__KafkaInMemory"] = "true",
            ["FRAUDLAB_Kafka__BootstrapServers"] = $"127.0.0.1:{kafkaPort}",
            ["FRAUDLAB_DynamoDb__ServiceUrl"] = $"http://127.0.0.1:{dynamoPort}",
        };
        var overrides = Environment.ToDictionary(e => e.Key["FRAUDLAB_".Length..].Replace("__", ":", StringComparison.Ordinal), e => e.Value);
        _stack = LocalStackManager.From(KitConfiguration.Load(KitMode.Local, overrides, Paths));
        await _stack.UpAsync();
    }

    /// <summary>The executed notebook <paramref name="name"/> (e.g. <c>04-detection</c>), running it and all earlier ones if needed.</summary>
    public async Task<NotebookRunResult> RunAsync(string name)
    {
        await _oneAtATime.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            foreach (var notebook in NotebookRunner.Expand([Path.Combine(Paths.Root, "notebooks")]))
            {
                var current = Path.GetFileNameWithoutExtension(notebook);
                if (string.CompareOrdinal(current, name) > 0)
                {
                    break;
                }

                if (!_results.ContainsKey(current))
                {
                    _results[current] = await NotebookRunner.RunAsync(notebook, Options(current), CancellationToken.None);
                }
            }

            return _results.TryGetValue(name, out var result) ? result : throw new FileNotFoundException($"no notebook {name}.ipynb");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Every text the executed notebook holds in its outputs (stream text, text/plain, error values), read back from the written file.</summary>
    public static string OutputText(NotebookRunResult result)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(result.OutputPath!));
        var texts = new List<string>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out var outputs))
            {
                continue;
            }

            foreach (var output in outputs.EnumerateArray())
            {
                if (output.TryGetProperty("text", out var text))
                {
                    texts.AddRange(text.EnumerateArray().Select(t => t.GetString() ?? string.Empty));
                }

                if (output.TryGetProperty("data", out var data) && data.TryGetProperty("text/plain", out var plain))
                {
                    texts.AddRange(plain.ValueKind == JsonValueKind.Array ? plain.EnumerateArray().Select(t => t.GetString() ?? string.Empty) : [plain.GetString() ?? string.Empty]);
                }

                if (output.TryGetProperty("evalue", out var error))
                {
                    texts.Add(error.GetString() ?? string.Empty);
                }
            }
        }

        return string.Concat(texts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DownAsync();
        }

        File.Delete(Path.Combine(Paths.StateDirectory, "notebooks", "stream.json"));
        Directory.Delete(_work, recursive: true);
    }

    private NotebookRunOptions Options(string notebook) => new()
    {
        OutputDirectory = OutputDirectory,
        Environment = Environment,
        Parameters = notebook.StartsWith("07-", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["chartsFolder"] = ChartsDirectory }
            : new Dictionary<string, string>(),
    };
}
