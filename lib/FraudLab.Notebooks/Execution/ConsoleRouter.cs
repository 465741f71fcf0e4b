using System.Text;
using FraudLab.Notebooks.Ipynb;

namespace FraudLab.Notebooks.Execution;

/// <summary>
/// Stands in for <see cref="Console.Out"/> or <see cref="Console.Error"/> while notebooks run: writes made
/// from a notebook's flow become that cell's <c>stream</c> output; any other write goes to the original writer.
/// </summary>
internal sealed class ConsoleRouter(TextWriter original, string streamName) : TextWriter
{
    public TextWriter Original { get; } = original;

    public override Encoding Encoding => Original.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (OutputRouting.Current?.Cell is { } cell)
        {
            cell.Write(streamName, value ?? "");
        }
        else
        {
            Original.Write(value);
        }
    }

    public override void Flush() => Original.Flush();

    /// <summary>Installs routers for stdout and stderr; disposing puts the original writers back.</summary>
    public static IDisposable Install()
    {
        var output = new ConsoleRouter(Console.Out, StreamOutput.Stdout);
        var error = new ConsoleRouter(Console.Error, StreamOutput.Stderr);
        Console.SetOut(output);
        Console.SetError(error);
        return new Restore(output, error);
    }

    private sealed class Restore(ConsoleRouter output, ConsoleRouter error) : IDisposable
    {
        public void Dispose()
        {
            Console.SetOut(output.Original);
            Console.SetError(error.Original);
        }
    }
}
