namespace FraudLab.Notebooks.Execution;

/// <summary>
/// Where console writes and displays of the running notebook go. It flows with the execution context, so
/// tasks a cell starts keep writing to their notebook, while other code in the process (a test runner, the
/// CLI's progress) is not captured. Within a notebook, output lands in the cell running at that moment.
/// </summary>
internal sealed class OutputRouting
{
    private static readonly AsyncLocal<OutputRouting?> Ambient = new();

    public static OutputRouting? Current => Ambient.Value;

    /// <summary>The cell outputs currently go to; set as each cell starts.</summary>
    public CellOutputCollector? Cell { get; set; }

    /// <summary>Makes this routing ambient for the calling flow and whatever it starts.</summary>
    public void Enter() => Ambient.Value = this;
}
