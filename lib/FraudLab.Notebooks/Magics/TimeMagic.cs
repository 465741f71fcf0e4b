namespace FraudLab.Notebooks.Magics;

/// <summary><c>#!time</c>: after the cell runs, show its wall time as <c>Wall time: …ms</c>, like .NET Interactive.</summary>
internal sealed class TimeMagic : IMagicCommand
{
    public bool TryApply(string line, MagicContext context)
    {
        if (line.Trim() != "#!time")
        {
            return false;
        }

        context.Directives.Time = true;
        return true;
    }

    public static string Format(TimeSpan elapsed) =>
        FormattableString.Invariant($"Wall time: {elapsed.TotalMilliseconds:0.####}ms");
}
