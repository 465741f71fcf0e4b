namespace FraudLab.Notebooks.Magics;

/// <summary>
/// Splits a cell into its magic lines and its C# code, like .NET Interactive's submission parser: a line that
/// starts with <c>#!</c>, <c>#r "</c> or <c>#i "</c> is a magic wherever it is in the cell. Other <c>#</c> lines
/// (<c>#nullable</c>, <c>#pragma</c>, <c>#region</c>) are C#.
/// </summary>
internal static class MagicParser
{
    private static readonly IMagicCommand[] Magics =
    [
        new KernelSelectorMagic(),
        new TimeMagic(),
        new NuGetPackageMagic(),
        new NuGetSourceMagic(),
        new AssemblyReferenceMagic(),
    ];

    public static CellDirectives Parse(string source, string baseDirectory)
    {
        var context = new MagicContext(baseDirectory);
        var code = new List<string>();
        foreach (var line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            if (!IsMagicLine(line))
            {
                code.Add(context.InCSharp ? line : "");
                continue;
            }

            if (!Magics.Any(m => m.TryApply(line, context)))
            {
                var name = line.Trim().Split(' ', 2)[0];
                throw new MagicCommandException($"unsupported magic command: {name}");
            }

            code.Add("");
        }

        context.Directives.Code = string.Join('\n', code);
        return context.Directives;
    }

    private static bool IsMagicLine(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("#!", StringComparison.Ordinal)
            || MagicSyntax.StartsDirective(trimmed);
    }
}
