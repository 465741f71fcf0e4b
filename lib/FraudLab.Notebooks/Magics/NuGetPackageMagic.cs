using FraudLab.Notebooks.Packages;

namespace FraudLab.Notebooks.Magics;

/// <summary><c>#r "nuget: Id, Version"</c> (version optional): a package to restore and reference.</summary>
internal sealed class NuGetPackageMagic : IMagicCommand
{
    public bool TryApply(string line, MagicContext context)
    {
        if (MagicSyntax.QuotedArgument(line, "r") is not { } argument || MagicSyntax.NuGetPayload(argument) is not { } payload)
        {
            return false;
        }

        var parts = payload.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || parts[0].Length == 0)
        {
            throw new MagicCommandException($"#r \"{argument}\": expected \"nuget: PackageId, Version\"");
        }

        context.Directives.Packages.Add(new PackageReference(parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null));
        return true;
    }
}
