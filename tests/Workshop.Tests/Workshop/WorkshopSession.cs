using System.Text.Json;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Jupyter;

namespace Workshop.Tests.Workshop;

/// <summary>
/// The workshop as <c>fraudlab workshop</c> runs it, for the notebook tests: a local stack started through the
/// library (in memory, free ports, its own state folder), and the notebooks run in order through an engine (the kit's
/// own, or the real .NET Interactive kernel through Jupyter). A test asks for its notebook and engine; every earlier
/// notebook runs first in that engine, once (they build on each other's data). Stops the stack at the end.
/// </summary>
public sealed class WorkshopSession : IAsyncLifetime
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<(WorkshopEngine, string), NotebookRunResult> _results = [];
    private readonly Lazy<(JupyterKernel? Kernel, string? Missing)> _kernel = new(FindKernel);
    private readonly string _work = Directory.CreateTempSubdirectory("fraudlab-workshop-test-").FullName;
    private LocalStackManager? _stack;

    public KitPaths Paths { get; } = KitPaths.Discover();

    public string OutputDirectory => Path.Combine(_work, "notebooks");

    public string ChartsDirectory => ChartsDirectoryOf(WorkshopEngine.Builtin);

    public string ChartsDirectoryOf(WorkshopEngine engine) => Path.Combine(_work, "charts", engine.ToString());

    /// <summary>The real kernel as <c>download.sh</c> set it up (tool manifest, kernel spec in .fraudlab/jupyter); the test skips with the reason when it is missing.</summary>
    public JupyterKernel RealKernel => _kernel.Value.Kernel ?? throw new InvalidOperationException("unreachable: skipped");

    /// <summary>Skips the calling test, with the reason, when the real kernel cannot run here.</summary>
    public void SkipUnlessRealKernel()
    {
        if (_kernel.Value.Missing is { } missing)
        {
            Assert.Skip($"the real .NET Interactive kernel cannot run here: {missing} (./download.sh sets it up)");
        }
    }

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
    public async Task<NotebookRunResult> RunAsync(string name, WorkshopEngine engine = WorkshopEngine.Builtin)
    {
        if (engine != WorkshopEngine.Builtin)
        {
            SkipUnlessRealKernel();
        }

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

                if (!_results.ContainsKey((engine, current)))
                {
                    var options = Options(current, engine);
                    _results[(engine, current)] = engine == WorkshopEngine.Builtin
                        ? await NotebookRunner.RunAsync(notebook, options, CancellationToken.None)
                        : await JupyterRunner.RunAsync(notebook, options, RealKernel, engine == WorkshopEngine.RealKernelRerun, CancellationToken.None);
                }
            }

            return _results.TryGetValue((engine, name), out var result) ? result : throw new FileNotFoundException($"no notebook {name}.ipynb");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Every text the executed notebook holds in its outputs (stream text, text/plain, error values), read back from the written file.</summary>
    public static string OutputText(NotebookRunResult result) => OutputText(File.ReadAllText(result.OutputPath!));

    /// <summary>Every text <paramref name="notebook"/> holds in its outputs.</summary>
    public static string OutputText(FraudLab.Notebooks.Ipynb.NotebookDocument notebook) => OutputText(notebook.ToJson());

    /// <summary>
    /// The texts of an executed notebook's JSON; an output with only <c>text/html</c> (the real kernel formats objects
    /// so) counts with its tags removed.
    /// </summary>
    private static string OutputText(string json)
    {
        using var document = JsonDocument.Parse(json);
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
                    texts.AddRange(Texts(plain));
                }
                else if (output.TryGetProperty("data", out var htmlData) && htmlData.TryGetProperty("text/html", out var html))
                {
                    texts.Add(System.Text.RegularExpressions.Regex.Replace(string.Concat(Texts(html)), "<[^>]*>", string.Empty));
                }

                if (output.TryGetProperty("evalue", out var error))
                {
                    texts.Add(error.GetString() ?? string.Empty);
                }
            }
        }

        return string.Concat(texts);
    }

    private static IEnumerable<string> Texts(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString() ?? string.Empty) : [value.GetString() ?? string.Empty];

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DownAsync();
        }

        File.Delete(Path.Combine(Paths.StateDirectory, "notebooks", "stream.json"));
        Directory.Delete(_work, recursive: true);
    }

    private NotebookRunOptions Options(string notebook, WorkshopEngine engine) => new()
    {
        OutputDirectory = Path.Combine(OutputDirectory, engine.ToString()),
        Environment = Environment,
        // mode=local injected the papermill way, as fraudlab workshop does.
        Parameters = notebook.StartsWith("07-", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["mode"] = "local", ["chartsFolder"] = ChartsDirectoryOf(engine) }
            : new Dictionary<string, string> { ["mode"] = "local" },
    };

    private static (JupyterKernel?, string?) FindKernel()
    {
        var paths = KitPaths.Discover();
        try
        {
            return (JupyterKernel.Locate(Path.Combine(paths.StateDirectory, "jupyter"), JupyterKernel.DotNetCSharp, Path.Combine(paths.Root, "notebooks")), null);
        }
        catch (KernelUnavailableException ex)
        {
            return (null, ex.Message);
        }
    }
}
