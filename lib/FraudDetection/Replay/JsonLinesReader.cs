using System.Buffers;

namespace FraudDetection.Replay;

/// <summary>
/// Reads a JSON Lines stream as raw UTF-8 lines with their 1-based line numbers, without decoding, so each line is
/// decoded (and its errors reported) on its own. Blank lines are skipped (but counted); "\r\n" and a leading BOM are accepted.
/// The memory handed out is valid until the next line is read.
/// </summary>
public sealed class JsonLinesReader(Stream stream) : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int start;
    private int end;
    private bool eof;
    private long lineNumber;

    public static JsonLinesReader Open(string path) => new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    /// <summary>Next non-blank line; false at the end.</summary>
    public bool TryReadLine(out long number, out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0 && !eof)
            {
                Fill();
                continue;
            }

            if (newline < 0 && start == end)
            {
                number = lineNumber;
                line = default;
                return false;
            }

            var length = newline < 0 ? end - start : newline;
            ReadOnlyMemory<byte> content = buffer.AsMemory(start, length);
            start += newline < 0 ? length : length + 1;
            lineNumber++;
            content = Trim(content, lineNumber == 1);
            if (content.IsEmpty)
            {
                continue;
            }

            number = lineNumber;
            line = content;
            return true;
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        eof = read == 0;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line, bool first)
    {
        var span = line.Span;
        var from = first && span.StartsWith("\uFEFF"u8) ? 3 : 0;
        var to = span.Length;
        while (from < to && IsBlank(span[from]))
        {
            from++;
        }

        while (to > from && IsBlank(span[to - 1]))
        {
            to--;
        }

        return line[from..to];
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r';
}
