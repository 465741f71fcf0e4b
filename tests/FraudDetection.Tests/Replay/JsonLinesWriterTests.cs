using System.Text;
using FraudDetection.Model;
using FraudDetection.Replay;
using FraudDetection.Tests.Detection;

namespace FraudDetection.Tests.Replay;

public sealed class JsonLinesWriterTests
{
    [Fact]
    public void Writes_one_compact_record_per_line_that_reads_back()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fraudlab-jsonl-").FullName, "sub", "out.jsonl");
        Transaction[] records = [Tx.At(1, 0, 1.5m), Tx.At(2, 1, 2m)];

        Assert.Equal(2, JsonLinesWriter.WriteAll(path, records));

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\n', lines[0]);
        Assert.Equal(records, lines.Select(l => TransactionDecoder.Decode(Encoding.UTF8.GetBytes(l)).Value));
    }
}
