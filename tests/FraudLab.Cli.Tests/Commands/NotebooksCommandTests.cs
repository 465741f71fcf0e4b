using System.Text.Json.Nodes;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary><c>fraudlab notebooks run</c> as a real process, on notebooks written to a temp folder.</summary>
public sealed class NotebooksCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fraudlab-cli-notebooks-").FullName;

    private string OutFolder => Path.Combine(_folder, "out");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_injects_parameters_writes_the_executed_notebook_and_prints_a_summary()
    {
        var notebook = Write("params.ipynb", Cell("var mode = \"local\";", "parameters"), Cell("Console.Write(mode);"));

        var run = await Cli(["notebooks", "run", notebook, "-p", "mode=aws", "--out", OutFolder]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"running {notebook}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ok     cell 3", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("params.ipynb", run.Stdout, StringComparison.Ordinal);
        var executed = NotebookDocument.Load(Path.Combine(OutFolder, "params.ipynb"));
        Assert.Equal("aws", Assert.IsType<StreamOutput>(Assert.Single(executed.Cells[2].Outputs)).Text);
        Assert.Empty(NotebookDocument.Load(notebook).Cells[1].Outputs);
    }

    [Fact]
    public async Task The_dotnet_interactive_engine_runs_the_same_command_in_the_real_kernel()
    {
        var paths = FraudDetection.Configuration.KitPaths.Discover();
        if (!File.Exists(Path.Combine(paths.StateDirectory, "jupyter", "kernels", ".net-csharp", "kernel.json")))
        {
            Assert.Skip("the .NET Interactive kernel spec is not registered (./download.sh registers it in .fraudlab/jupyter)");
        }

        // Inside the repository: the kernel is the pinned local tool, which dotnet finds from the notebook's folder.
        var folder = Path.Combine(paths.OutputDirectory, "cli-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var notebook = Path.Combine(folder, "real.ipynb");
            var document = new NotebookDocument();
            document.Cells.Add(NotebookCell.CSharp("var mode = \"local\";", "parameters"));
            document.Cells.Add(NotebookCell.CSharp("Console.Write($\"{mode} {typeof(Microsoft.DotNet.Interactive.Kernel).Assembly.GetName().Name}\");"));
            document.Save(notebook);

            var run = await Cli(["notebooks", "run", notebook, "-p", "mode=aws", "--engine", "dotnet-interactive", "--out", Path.Combine(folder, "out")]);

            Assert.True(run.ExitCode == 0, run.ToString());
            var executed = NotebookDocument.Load(Path.Combine(folder, "out", "real.ipynb"));
            var text = string.Concat(executed.Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Select(o => o.Text));
            Assert.Equal("aws Microsoft.DotNet.Interactive", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_engine_is_a_usage_error()
    {
        var notebook = Write("e.ipynb", Cell("1"));

        var run = await Cli(["notebooks", "run", notebook, "--engine", "papermill"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'papermill'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_runs_its_notebooks_in_name_order()
    {
        Write("b-second.ipynb", Cell("1"));
        Write("a-first.ipynb", Cell("2"));

        var run = await Cli(["notebooks", "run", _folder, "--out", OutFolder]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var first = run.Stdout.IndexOf("running " + Path.Combine(_folder, "a-first.ipynb"), StringComparison.Ordinal);
        var second = run.Stdout.IndexOf("running " + Path.Combine(_folder, "b-second.ipynb"), StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, run.Stdout);
        Assert.True(File.Exists(Path.Combine(OutFolder, "a-first.ipynb")));
        Assert.True(File.Exists(Path.Combine(OutFolder, "b-second.ipynb")));
    }

    [Fact]
    public async Task A_failing_cell_exits_1_with_one_line_naming_the_notebook_cell_and_line()
    {
        var notebook = Write("fails.ipynb", Cell("var ok = 1;\nthrow new Exception(\"no broker\");"), Cell("Console.Write(\"after\");"));

        var stopped = await Cli(["notebooks", "run", notebook, "--out", OutFolder]);
        var continued = await Cli(["notebooks", "run", notebook, "--out", OutFolder, "--continue-on-error", "--timeout", "60"]);

        Assert.Equal(1, stopped.ExitCode);
        AssertOneErrorLine(stopped, "1 of 1 notebooks failed: fails.ipynb (cell 1, line 2: no broker)");
        Assert.Equal(1, continued.ExitCode);
        var executed = NotebookDocument.Load(Path.Combine(OutFolder, "fails.ipynb"));
        Assert.Equal("after", Assert.IsType<StreamOutput>(Assert.Single(executed.Cells[1].Outputs)).Text);
    }

    [Fact]
    public async Task A_missing_notebook_is_one_error_line()
    {
        var missing = Path.Combine(_folder, "missing.ipynb");

        var run = await Cli(["notebooks", "run", missing, "--out", OutFolder]);

        Assert.Equal(1, run.ExitCode);
        AssertOneErrorLine(run, $"notebook not found: {missing}");
    }

    [Fact]
    public async Task Bad_json_is_one_error_line_naming_the_file()
    {
        var broken = Path.Combine(_folder, "broken.ipynb");
        await File.WriteAllTextAsync(broken, "{ \"cells\": [ }", TestContext.Current.CancellationToken);

        var run = await Cli(["notebooks", "run", broken, "--out", OutFolder]);

        Assert.Equal(1, run.ExitCode);
        AssertOneErrorLine(run, $"{broken}: not valid JSON");
    }

    [Fact]
    public async Task A_parameter_without_a_value_is_one_error_line()
    {
        var notebook = Write("p.ipynb", Cell("1"));

        var run = await Cli(["notebooks", "run", notebook, "-p", "mode"]);

        Assert.Equal(1, run.ExitCode);
        AssertOneErrorLine(run, "-p expects name=value, got 'mode'");
    }

    private static NotebookCell Cell(string source, params string[] tags) => NotebookCell.CSharp(source, tags);

    private string Write(string name, params NotebookCell[] cells)
    {
        var document = new NotebookDocument
        {
            NbFormatMinor = 2,
            Metadata = new JsonObject
            {
                ["polyglot_notebook"] = JsonNode.Parse("""{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}"""),
            },
        };
        document.Cells.AddRange(cells);
        var path = Path.Combine(_folder, name);
        document.Save(path);
        return path;
    }

    private static Task<ProcessResult> Cli(string[] arguments) =>
        ProcessRunner.RunCliAsync(arguments, cancellationToken: TestContext.Current.CancellationToken);

    private static void AssertOneErrorLine(ProcessResult result, string expected)
    {
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fraudlab: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
