using FraudLab.Notebooks.Ipynb;

namespace FraudLab.Notebooks.Execution;

/// <summary>
/// The outputs of one cell in the order they happened. Thread-safe: background tasks the cell started may
/// write or display while the cell (or a later one) runs. Consecutive writes to one stream merge, as in Jupyter.
/// </summary>
internal sealed class CellOutputCollector
{
    private readonly Lock _gate = new();
    private readonly List<NotebookOutput> _outputs = [];

    public void Write(string streamName, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == streamName)
            {
                _outputs[^1] = last with { Text = last.Text + text };
            }
            else
            {
                _outputs.Add(new StreamOutput(streamName, text));
            }
        }
    }

    public void Add(NotebookOutput output)
    {
        lock (_gate)
        {
            _outputs.Add(output);
        }
    }

    /// <summary>Replaces an output in place (an updated display); ignored if it is no longer there.</summary>
    public void Replace(NotebookOutput old, NotebookOutput replacement)
    {
        lock (_gate)
        {
            var index = _outputs.FindIndex(o => ReferenceEquals(o, old));
            if (index >= 0)
            {
                _outputs[index] = replacement;
            }
        }
    }

    public IReadOnlyList<NotebookOutput> Snapshot()
    {
        lock (_gate)
        {
            return [.. _outputs];
        }
    }
}
