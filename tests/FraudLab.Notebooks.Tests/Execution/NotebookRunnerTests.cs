using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Tests.Support;

namespace FraudLab.Notebooks.Tests.Execution;

public sealed class NotebookRunnerTests
{
    private static string Stdout(NotebookCell cell) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == StreamOutput.Stdout).Select(s => s.Text));

    private static ExecuteResultOutput Result(NotebookCell cell) => Assert.Single(cell.Outputs.OfType<ExecuteResultOutput>());

    private static ErrorOutput Error(NotebookCell cell) => Assert.Single(cell.Outputs.OfType<ErrorOutput>());

    [Fact]
    public async Task Default_usings_of_the_csharp_kernel_are_in_scope()
    {
        using var notebook = new TestNotebook("""
            var list = new List<int> { 3, 1, 2 };
            var sb = new StringBuilder().Append(list.OrderBy(x => x).First());
            var tmp = Path.GetTempPath();
            var http = new HttpClient();
            var cts = new CancellationTokenSource();
            IEnumerable e = list;
            await Task.Yield();
            Console.Write(sb.ToString());
            """);

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.FirstFailure?.Error);
        Assert.Equal("1", Stdout(result.Notebook.Cells[0]));
    }
}
