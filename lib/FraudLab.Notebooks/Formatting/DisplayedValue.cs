using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;

namespace FraudLab.Notebooks.Formatting;

/// <summary>A value shown with <c>display(x)</c>; <see cref="Update"/> replaces it in place, like .NET Interactive's.</summary>
public sealed class DisplayedValue
{
    private readonly CellOutputCollector? _cell;
    private readonly string[] _mimeTypes;
    private NotebookOutput? _output;

    internal DisplayedValue(object? value, string[] mimeTypes)
    {
        _mimeTypes = mimeTypes;
        _cell = OutputRouting.Current?.Cell;
        _output = new DisplayDataOutput(DisplayFormatter.Format(value, mimeTypes), []);
        if (_cell is null)
        {
            Console.WriteLine(value); // outside a notebook run: plain console, nothing to attach to
        }
        else
        {
            _cell.Add(_output);
        }
    }

    /// <summary>Shows <paramref name="value"/> in place of the previously displayed one.</summary>
    public void Update(object? value)
    {
        var replacement = new DisplayDataOutput(DisplayFormatter.Format(value, _mimeTypes), []);
        if (_cell is not null && _output is not null)
        {
            _cell.Replace(_output, replacement);
        }

        _output = replacement;
    }
}
