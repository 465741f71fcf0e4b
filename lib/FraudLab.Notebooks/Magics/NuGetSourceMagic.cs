namespace FraudLab.Notebooks.Magics;

/// <summary><c>#i "nuget: &lt;url or folder&gt;"</c>: one more package source; a relative folder starts at the notebook's folder.</summary>
internal sealed class NuGetSourceMagic : IMagicCommand
{
    public bool TryApply(string line, MagicContext context)
    {
        if (MagicSyntax.QuotedArgument(line, "i") is not { } argument)
        {
            return false;
        }

        if (MagicSyntax.NuGetPayload(argument) is not { Length: > 0 } source)
        {
            throw new MagicCommandException($"#i \"{argument}\": only package sources (\"nuget: <url or folder>\") are supported");
        }

        var isUrl = Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        context.Directives.PackageSources.Add(isUrl ? source : context.ResolvePath(source));
        return true;
    }
}
