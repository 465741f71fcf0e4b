using System.Text.Json.Nodes;
using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Tests.Support;

namespace FraudLab.Notebooks.Tests.Execution;

public sealed class NotebookRunnerTests
{
    private static string Stream(NotebookCell cell, string name = StreamOutput.Stdout) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == name).Select(s => s.Text));

    private static ExecuteResultOutput Result(NotebookCell cell) => Assert.Single(cell.Outputs.OfType<ExecuteResultOutput>());

    private static ErrorOutput Error(NotebookCell cell) => Assert.Single(cell.Outputs.OfType<ErrorOutput>());

    private static void AssertSucceeded(NotebookRunResult result) => Assert.True(result.Succeeded, result.FirstFailure?.Error);

    [Fact]
    public async Task Default_usings_of_the_csharp_kernel_are_in_scope()
    {
        // Exactly the real kernel's (1.0.712001): System, System.Text, System.Collections(.Generic), System.Linq, System.Threading.Tasks.
        using var notebook = new TestNotebook("""
            var list = new List<int> { 3, 1, 2 };
            var sb = new StringBuilder().Append(list.OrderBy(x => x).First());
            IEnumerable untyped = list;
            await Task.Yield();
            Console.Write(sb.ToString());
            """);

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Equal("1", Stream(result.Notebook.Cells[0]));
    }

    [Fact]
    public async Task Namespaces_the_real_kernel_does_not_import_are_not_in_scope_either()
    {
        // The real kernel rejects Path without `using System.IO;`, so the kit's engine must too: a notebook that
        // passes here and fails in VS Code or Jupyter is the defect this guards against.
        using var notebook = new TestNotebook("var tmp = Path.GetTempPath();", "using System.IO;\nvar tmp = Path.GetTempPath();");

        var result = await notebook.RunAsync(new NotebookRunOptions { ContinueOnError = true });

        Assert.Contains("error CS0103: The name 'Path' does not exist in the current context", Error(result.Notebook.Cells[0]).EValue);
        Assert.Equal(CellStatus.Succeeded, result.Cells[1].Status);
    }

    [Fact]
    public async Task Top_level_await_works_and_its_value_is_the_result()
    {
        using var notebook = new TestNotebook("""
            await Task.Delay(1);
            var answer = await Task.FromResult(41) + 1;
            answer
            """);

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Equal("42", Result(result.Notebook.Cells[0]).Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Trailing_expression_becomes_an_execute_result_with_html_and_plain_text()
    {
        using var notebook = new TestNotebook("var x = 6;", "x * 7");

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Empty(result.Notebook.Cells[0].Outputs);
        var value = Result(result.Notebook.Cells[1]);
        Assert.Equal(2, value.ExecutionCount);
        Assert.Equal(2, result.Notebook.Cells[1].ExecutionCount);
        Assert.Equal("42", value.Data.Text(MimeBundle.PlainText));
        Assert.Contains("<pre>42</pre>", value.Data.Text(MimeBundle.Html));
    }

    [Fact]
    public async Task Statements_and_void_calls_have_no_result()
    {
        using var notebook = new TestNotebook("var y = 1;", "Console.Write(y)");

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.DoesNotContain(result.Notebook.Cells.SelectMany(c => c.Outputs), o => o is ExecuteResultOutput);
        Assert.Equal("1", Stream(result.Notebook.Cells[1]));
    }

    [Fact]
    public async Task Display_and_html_are_formatted_like_dotnet_interactive()
    {
        using var notebook = new TestNotebook("""
            display(new { Name = "card", Amount = 12.5 });
            display(HTML("<b>bold</b>"));
            "plain".Display();
            var shown = display(1);
            shown.Update(2);
            """);

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        var displays = result.Notebook.Cells[0].Outputs.OfType<DisplayDataOutput>().ToList();
        Assert.Equal(4, displays.Count);
        Assert.Equal([MimeBundle.Html, MimeBundle.PlainText], displays[0].Data.Keys);
        Assert.Contains("<td>Amount</td>", displays[0].Data.Text(MimeBundle.Html));
        Assert.Equal([MimeBundle.Html], displays[1].Data.Keys);
        Assert.Equal("<b>bold</b>", displays[1].Data.Text(MimeBundle.Html));
        Assert.Equal([MimeBundle.PlainText], displays[2].Data.Keys);
        Assert.Equal("plain", displays[2].Data.Text(MimeBundle.PlainText));
        Assert.Equal("2", displays[3].Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Display_as_the_last_line_shows_the_value_once_and_no_result()
    {
        using var notebook = new TestNotebook("display(\"once\")");

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        var output = Assert.Single(result.Notebook.Cells[0].Outputs);
        Assert.Equal("once", Assert.IsType<DisplayDataOutput>(output).Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Stdout_and_stderr_are_captured_in_order_with_displays()
    {
        using var notebook = new TestNotebook("""
            Console.Write("a");
            Console.WriteLine("b");
            Console.Error.WriteLine("warning");
            display("shown");
            Console.WriteLine("c");
            """);

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        var outputs = result.Notebook.Cells[0].Outputs;
        Assert.Equal(4, outputs.Count);
        Assert.Equal(new StreamOutput(StreamOutput.Stdout, "ab\n"), outputs[0]);
        Assert.Equal(new StreamOutput(StreamOutput.Stderr, "warning\n"), outputs[1]);
        Assert.IsType<DisplayDataOutput>(outputs[2]);
        Assert.Equal(new StreamOutput(StreamOutput.Stdout, "c\n"), outputs[3]);
    }

    [Fact]
    public async Task A_background_task_writes_into_the_cell_running_when_it_writes()
    {
        using var notebook = new TestNotebook(
            """
            var go = new TaskCompletionSource();
            var background = Task.Run(async () => { await go.Task; Console.WriteLine("from background"); });
            """,
            """
            go.SetResult();
            await background;
            """);

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Equal("", Stream(result.Notebook.Cells[0]));
        Assert.Equal("from background\n", Stream(result.Notebook.Cells[1]));
    }

    [Fact]
    public async Task A_write_from_a_thread_without_execution_context_lands_in_the_running_cell()
    {
        // Like a native library's callback thread: no execution context flows into it.
        using var notebook = new TestNotebook("""
            using System.Threading;
            var written = new TaskCompletionSource();
            ThreadPool.UnsafeQueueUserWorkItem(_ => { Console.Error.WriteLine("native log line"); written.SetResult(); }, null);
            await written.Task;
            """);

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Equal("native log line\n", Stream(result.Notebook.Cells[0], StreamOutput.Stderr));
    }

    [Fact]
    public async Task Time_magic_shows_the_wall_time()
    {
        using var notebook = new TestNotebook("#!time\nawait Task.Delay(5);");

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        var time = Assert.Single(result.Notebook.Cells[0].Outputs.OfType<DisplayDataOutput>());
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", time.Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Csharp_magic_runs_and_markdown_magic_is_skipped()
    {
        using var notebook = new TestNotebook("#!markdown\n# Title, not C#", "#!csharp\n1 + 1");

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Equal(CellStatus.Skipped, result.Cells[0].Status);
        Assert.Null(result.Notebook.Cells[0].ExecutionCount);
        Assert.Equal("2", Result(result.Notebook.Cells[1]).Data.Text(MimeBundle.PlainText));
        Assert.Equal(1, result.Notebook.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task An_unsupported_magic_is_an_error_naming_it()
    {
        using var notebook = new TestNotebook("#!fsharp\nlet x = 1");

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        var error = Error(result.Notebook.Cells[0]);
        Assert.Equal("MagicCommandError", error.EName);
        Assert.Equal("cell 1: unsupported magic command: #!fsharp", error.EValue);
    }

    [Fact]
    public async Task A_cell_of_another_kernel_is_an_error_naming_the_kernel()
    {
        using var notebook = new TestNotebook("1");
        notebook.Document.Cells[0].Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "fsharp" };

        var result = await notebook.RunAsync();

        Assert.Contains("'fsharp' kernel is not supported", Error(result.Notebook.Cells[0]).EValue);
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_and_the_line_in_the_cell_and_stops()
    {
        using var notebook = new TestNotebook("var ok = 1;", "#!time\nvar a = 1;\nvar b = missing + 1;", "Console.Write(ok);");

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        var error = Error(result.Notebook.Cells[1]);
        Assert.Equal("CompilationError", error.EName);
        Assert.StartsWith("cell 2, line 3: error CS0103:", error.EValue);
        Assert.Contains("missing", error.EValue);
        Assert.Equal([CellStatus.Succeeded, CellStatus.Failed, CellStatus.NotRun], result.Cells.Select(c => c.Status));
        Assert.Null(result.Notebook.Cells[2].ExecutionCount);
        Assert.Empty(result.Notebook.Cells[2].Outputs);
    }

    [Fact]
    public async Task An_exception_is_an_error_output_with_the_cell_and_line()
    {
        using var notebook = new TestNotebook("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");");

        var result = await notebook.RunAsync();

        var cell = result.Notebook.Cells[0];
        Assert.Equal("before\n", Stream(cell));
        var error = Error(cell);
        Assert.Equal("System.InvalidOperationException", error.EName);
        Assert.Equal("cell 1, line 2: boom", error.EValue);
        Assert.Contains(error.Traceback, l => l.Contains("InvalidOperationException: boom"));
        Assert.Equal(CellStatus.Failed, result.Cells[0].Status);
    }

    [Fact]
    public async Task An_exception_from_a_method_of_an_earlier_cell_names_the_running_cell_and_its_line()
    {
        using var notebook = new TestNotebook("int Divide(int x)\n{\n    return 10 / x;\n}", "var fine = 1;\nDivide(0)");

        var result = await notebook.RunAsync();

        var error = Error(result.Notebook.Cells[1]);
        Assert.Equal("System.DivideByZeroException", error.EName);
        Assert.StartsWith("cell 2, line 2:", error.EValue);
        Assert.Contains(error.Traceback, l => l.EndsWith("notebook.ipynb:cell 1:line 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Continue_on_error_runs_the_cells_after_a_failure()
    {
        using var notebook = new TestNotebook("var before = 1;", "throw new Exception(\"first\");", "before + 1");

        var stopped = await notebook.RunAsync();
        var continued = await notebook.RunAsync(new NotebookRunOptions { ContinueOnError = true });

        Assert.Equal(CellStatus.NotRun, stopped.Cells[2].Status);
        Assert.False(continued.Succeeded);
        Assert.Equal([CellStatus.Succeeded, CellStatus.Failed, CellStatus.Succeeded], continued.Cells.Select(c => c.Status));
        Assert.Equal("2", Result(continued.Notebook.Cells[2]).Data.Text(MimeBundle.PlainText));
        Assert.Equal(3, continued.Notebook.Cells[2].ExecutionCount);
    }

    [Fact]
    public async Task A_cell_over_the_timeout_fails_and_later_cells_keep_the_earlier_state()
    {
        // The limit covers compilation too, and a cold script compiler can take seconds on a loaded machine:
        // warm it first (it is process-wide) so only the hanging cell can run into the 5 s.
        using (var warmUp = new TestNotebook("1"))
            AssertSucceeded(await warmUp.RunAsync());
        using var notebook = new TestNotebook("var kept = \"state\";", "await Task.Delay(System.Threading.Timeout.Infinite);", "kept");

        // Long enough for the other (warm) cells to compile and run on a loaded machine; the hanging cell waits it out.
        var result = await notebook.RunAsync(new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(5), ContinueOnError = true });

        Assert.True(result.Cells[2].Status == CellStatus.Succeeded, string.Join("; ", result.Cells));
        var error = Error(result.Notebook.Cells[1]);
        Assert.Equal("TimeoutException", error.EName);
        Assert.Equal("cell 2: did not finish within 5 s", error.EValue);
        Assert.Equal("state", Result(result.Notebook.Cells[2]).Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_with_the_given_environment_and_both_are_restored()
    {
        using var notebook = new TestNotebook("Console.WriteLine(Environment.CurrentDirectory);\nConsole.Write(Environment.GetEnvironmentVariable(\"FRAUDLAB_TEST_MODE\"));");
        var before = Environment.CurrentDirectory;

        var result = await notebook.RunAsync(new NotebookRunOptions { Environment = new Dictionary<string, string?> { ["FRAUDLAB_TEST_MODE"] = "local" } });

        AssertSucceeded(result);
        Assert.Equal($"{notebook.Folder}\nlocal", Stream(result.Notebook.Cells[0]));
        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.Null(Environment.GetEnvironmentVariable("FRAUDLAB_TEST_MODE"));
    }

    [Fact]
    public async Task Reference_directive_loads_an_assembly_file_relative_to_the_notebook()
    {
        using var notebook = new TestNotebook("#r \"lib/Greeting.dll\"\nGreeting.Greeter.Hello(\"kit\")");
        LibraryCompiler.CompileTo(Path.Combine(notebook.Folder, "lib", "Greeting.dll"),
            "namespace Greeting; public static class Greeter { public static string Hello(string name) => \"hello \" + name; }");

        var result = await notebook.RunAsync();

        AssertSucceeded(result);
        Assert.Equal("hello kit", Result(result.Notebook.Cells[0]).Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Reference_to_a_missing_assembly_is_an_error_naming_it()
    {
        using var notebook = new TestNotebook("#r \"nowhere/Missing.dll\"");

        var result = await notebook.RunAsync();

        Assert.Contains("nowhere/Missing.dll", Error(result.Notebook.Cells[0]).EValue);
    }

    [Fact]
    public async Task Executed_notebook_goes_to_the_output_folder_and_the_source_is_untouched()
    {
        using var notebook = new TestNotebook("Console.Write(\"hi\");");
        notebook.Document.Save(notebook.Path);
        var source = await File.ReadAllTextAsync(notebook.Path, TestContext.Current.CancellationToken);

        var result = await notebook.RunAsync();

        Assert.Equal(Path.Combine(notebook.OutputDirectory, "notebook.ipynb"), result.OutputPath);
        Assert.Equal(source, await File.ReadAllTextAsync(notebook.Path, TestContext.Current.CancellationToken));
        var written = NotebookDocument.Load(result.OutputPath!);
        Assert.Equal("hi", Stream(written.Cells[0]));
        Assert.Equal(1, written.Cells[0].ExecutionCount);
    }

    [Fact]
    public async Task In_place_rewrites_the_source_and_an_output_folder_equal_to_the_source_folder_is_refused()
    {
        using var notebook = new TestNotebook("Console.Write(\"in place\");");
        notebook.Document.Save(notebook.Path);
        var token = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<NotebookRunException>(() =>
            NotebookRunner.RunAsync(notebook.Path, new NotebookRunOptions { OutputDirectory = notebook.Folder }, token));
        var result = await NotebookRunner.RunAsync(notebook.Path, new NotebookRunOptions { InPlace = true }, token);

        Assert.Equal(notebook.Path, result.OutputPath);
        Assert.Equal("in place", Stream(NotebookDocument.Load(notebook.Path).Cells[0]));
    }

    [Fact]
    public async Task Executed_notebook_is_valid_nbformat_with_sorted_keys()
    {
        using var notebook = new TestNotebook("#!time\nConsole.WriteLine(\"out\");\ndisplay(HTML(\"<i>x</i>\"));\n42", "throw new Exception(\"bad\");");

        var result = await notebook.RunAsync();
        var json = await File.ReadAllTextAsync(result.OutputPath!, TestContext.Current.CancellationToken);

        Assert.Empty(await NotebookSchema.ValidateAsync(json));
        var cell = JsonNode.Parse(json)!["cells"]![0]!.AsObject();
        Assert.Equal(["cell_type", "execution_count", "id", "metadata", "outputs", "source"], cell.Select(p => p.Key));
        Assert.Equal(["data", "execution_count", "metadata", "output_type"], cell["outputs"]![2]!.AsObject().Select(p => p.Key));
        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",", json);
    }

    [Fact]
    public async Task A_polyglot_notebook_with_old_outputs_runs_and_keeps_its_metadata()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("polyglot.ipynb");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "polyglot-with-outputs.ipynb"), path);
        var original = NotebookDocument.Load(path);

        var result = await NotebookRunner.RunAsync(path, new NotebookRunOptions { OutputDirectory = folder.Combine("out") }, TestContext.Current.CancellationToken);

        AssertSucceeded(result);
        var cells = result.Notebook.Cells;
        Assert.Equal("héllo\n", Stream(cells[1]));
        Assert.DoesNotContain("stale", Stream(cells[1]));
        Assert.Equal("5", Result(cells[2]).Data.Text(MimeBundle.PlainText));
        Assert.StartsWith("Wall time: ", cells[2].Outputs.OfType<DisplayDataOutput>().Single().Data.Text(MimeBundle.PlainText));
        Assert.Equal(CellStatus.Skipped, result.Cells[3].Status);
        Assert.Null(cells[3].ExecutionCount);
        Assert.Equal("<b>héllo</b>", cells[4].Outputs.OfType<DisplayDataOutput>().Single().Data.Text(MimeBundle.Html));
        Assert.Equal([1, 2, 3], cells.Where(c => c.ExecutionCount is not null).Select(c => c.ExecutionCount!.Value));

        var json = await File.ReadAllTextAsync(result.OutputPath!, TestContext.Current.CancellationToken);
        Assert.Empty(await NotebookSchema.ValidateAsync(json));
        var written = NotebookDocument.Load(result.OutputPath!);
        Assert.Equal(2, written.NbFormatMinor);
        Assert.True(JsonNode.DeepEquals(original.Metadata, written.Metadata));
        Assert.All(original.Cells.Zip(written.Cells), pair => Assert.True(JsonNode.DeepEquals(pair.First.Metadata, pair.Second.Metadata)));
        Assert.DoesNotContain("\"id\"", json);
    }

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_with_their_declared_types()
    {
        using var notebook = new TestNotebook(
            "var mode = \"local\";\nint count = 1;\nvar verbose = false;\ndouble ratio = 0.5;",
            "Console.Write($\"{mode} {count + 1} {!verbose} {ratio * 2}\");");
        notebook.Document.Cells[0].Metadata["tags"] = new JsonArray("parameters");
        var parameters = new Dictionary<string, string> { ["mode"] = "aws", ["count"] = "5", ["verbose"] = "true", ["ratio"] = "2.5" };

        var result = await notebook.RunAsync(new NotebookRunOptions { Parameters = parameters });

        AssertSucceeded(result);
        var injected = result.Notebook.Cells[1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Contains("string mode = \"aws\";", injected.Source);
        Assert.Contains("int count = 5;", injected.Source);
        Assert.Equal("aws 6 False 5", Stream(result.Notebook.Cells[2]));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task A_parameter_value_that_does_not_fit_its_type_is_refused_before_anything_runs()
    {
        using var notebook = new TestNotebook("int count = 1;");
        notebook.Document.Cells[0].Metadata["tags"] = new JsonArray("parameters");

        var error = await Assert.ThrowsAsync<FraudLab.Notebooks.Parameters.NotebookParameterException>(() =>
            notebook.RunAsync(new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["count"] = "many" } }));

        Assert.Equal("parameter 'count' is declared as int, and 'many' is not a valid int", error.Message);
    }

    [Fact]
    public async Task A_missing_notebook_or_bad_json_is_a_format_error_naming_the_file()
    {
        using var folder = new TempFolder();
        var missing = folder.Combine("missing.ipynb");
        var broken = folder.Combine("broken.ipynb");
        await File.WriteAllTextAsync(broken, "{ \"cells\": [", TestContext.Current.CancellationToken);

        var notFound = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(missing, new NotebookRunOptions(), TestContext.Current.CancellationToken));
        var badJson = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(broken, new NotebookRunOptions(), TestContext.Current.CancellationToken));

        Assert.StartsWith(missing + ": cannot read", notFound.Message);
        Assert.StartsWith(broken + ": not valid JSON (line 1", badJson.Message);
    }
}
