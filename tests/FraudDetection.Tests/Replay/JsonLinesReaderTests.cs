using System.Text;
using FraudDetection.Replay;

namespace FraudDetection.Tests.Replay;

public sealed class JsonLinesReaderTests
{
    private static List<(long Number, string Text)> Read(string content, int chunk = int.MaxValue)
    {
        using var reader = new JsonLinesReader(new ChunkedStream(Encoding.UTF8.GetBytes(content), chunk));
        var lines = new List<(long, string)>();
        while (reader.TryReadLine(out var number, out var line))
        {
            lines.Add((number, Encoding.UTF8.GetString(line.Span)));
        }

        return lines;
    }

    [Fact]
    public void Numbers_lines_skipping_blank_ones_and_accepting_crlf_and_bom()
    {
        var lines = Read("\uFEFF{\"a\":1}\r\n\r\n  \n{\"b\":2}\n{\"c\":3}");

        Assert.Equal([(1L, "{\"a\":1}"), (4L, "{\"b\":2}"), (5L, "{\"c\":3}")], lines);
    }

    [Fact]
    public void Lines_longer_than_the_buffer_and_split_reads_are_whole()
    {
        var big = "{\"x\":\"" + new string('y', 200_000) + "\"}";

        var lines = Read($"{big}\n{{}}\n", chunk: 7);

        Assert.Equal([(1L, big), (2L, "{}")], lines);
    }

    [Fact]
    public void Empty_input_has_no_lines()
    {
        Assert.Empty(Read(""));
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, like a pipe or a slow disk.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
