using FraudLab.Notebooks.Ipynb;

namespace FraudLab.Notebooks.Execution;

/// <summary>An executed notebook: the document with its outputs, where it was written, and each cell's outcome.</summary>
public sealed record NotebookRunResult(
    string SourcePath,
    string? OutputPath,
    NotebookDocument Notebook,
    IReadOnlyList<CellOutcome> Cells,
    TimeSpan Elapsed,
    IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Cells.All(c => c.Status != CellStatus.Failed);

    public CellOutcome? FirstFailure => Cells.FirstOrDefault(c => c.Status == CellStatus.Failed);
}
