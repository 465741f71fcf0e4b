using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using Workshop.Tests.Workshop;

namespace Workshop.Tests.RealKernel;

/// <summary>
/// Interactive use in the real kernel: each code cell of each notebook executed twice in a row (a participant pressing
/// Run again), the notebooks in order: no error in either run. Starting the processor again stops the first one,
/// publishing again adds nothing, a second stop is a no-op.
/// </summary>
[Collection(WorkshopCollection.Name)]
public sealed class RealKernelRerunTests(WorkshopSession workshop)
{
    public static TheoryData<string> Notebooks() => [.. NotebookRunner.Expand([Path.Combine(FraudDetection.Configuration.KitPaths.Discover().Root, "notebooks")]).Select(path => Path.GetFileNameWithoutExtension(path)!)];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Each_cell_runs_twice_in_a_row_without_error(string notebook)
    {
        var result = await workshop.RunAsync(notebook, WorkshopEngine.RealKernelRerun);

        Assert.True(result.Succeeded, $"{notebook}: {result.FirstFailure?.Error}");
        Assert.DoesNotContain(result.Cells, c => c.Status is CellStatus.Failed or CellStatus.NotRun);
        Assert.Empty(result.Notebook.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());
    }
}
