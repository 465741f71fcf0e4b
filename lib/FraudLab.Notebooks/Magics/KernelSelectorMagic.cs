namespace FraudLab.Notebooks.Magics;

/// <summary>
/// <c>#!csharp</c> (also <c>#!c#</c>) and <c>#!markdown</c> (also <c>#!md</c>): the following lines belong to that
/// kernel. Markdown lines are skipped, as they are only shown.
/// </summary>
internal sealed class KernelSelectorMagic : IMagicCommand
{
    private static readonly string[] CSharpNames = ["#!csharp", "#!c#", "#!C#"];
    private static readonly string[] MarkdownNames = ["#!markdown", "#!md"];

    public bool TryApply(string line, MagicContext context)
    {
        var command = line.Trim();
        if (CSharpNames.Contains(command))
        {
            context.InCSharp = true;
            return true;
        }

        if (MarkdownNames.Contains(command))
        {
            context.InCSharp = false;
            return true;
        }

        return false;
    }
}
