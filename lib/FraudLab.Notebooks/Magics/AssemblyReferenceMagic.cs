namespace FraudLab.Notebooks.Magics;

/// <summary><c>#r "path/to.dll"</c>: reference an assembly file; a relative path starts at the notebook's folder.</summary>
internal sealed class AssemblyReferenceMagic : IMagicCommand
{
    public bool TryApply(string line, MagicContext context)
    {
        if (MagicSyntax.QuotedArgument(line, "r") is not { } argument || MagicSyntax.NuGetPayload(argument) is not null)
        {
            return false;
        }

        var path = context.ResolvePath(argument);
        if (!File.Exists(path))
        {
            throw new MagicCommandException($"#r \"{argument}\": assembly not found at {path}");
        }

        context.Directives.AssemblyPaths.Add(path);
        return true;
    }
}
