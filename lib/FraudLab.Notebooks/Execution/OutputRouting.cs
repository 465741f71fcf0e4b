namespace FraudLab.Notebooks.Execution;

/// <summary>
/// Where console writes and displays of the running notebook go. It flows with the execution context, so
/// tasks a cell starts keep writing to their notebook. Writes from threads that carry no context (callbacks
/// of native libraries such as librdkafka's log thread) go to the notebook running at that moment, as Jupyter
/// captures a whole kernel's output. Within a notebook, output lands in the cell running at that moment.
/// </summary>
internal sealed class OutputRouting
{
    private static readonly AsyncLocal<OutputRouting?> Ambient = new();
    private static OutputRouting? _running; // one notebook runs at a time per process (see NotebookRunner)

    public static OutputRouting? Current => Ambient.Value ?? Volatile.Read(ref _running);

    /// <summary>The cell outputs currently go to; set as each cell starts.</summary>
    public CellOutputCollector? Cell { get; set; }

    /// <summary>Makes this routing ambient for the calling flow and whatever it starts, and the running one until disposed.</summary>
    public IDisposable Enter()
    {
        Ambient.Value = this;
        Volatile.Write(ref _running, this);
        return new Exit(this);
    }

    private sealed class Exit(OutputRouting routing) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref _running, null, routing);
    }
}
