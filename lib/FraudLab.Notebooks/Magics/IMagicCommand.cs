namespace FraudLab.Notebooks.Magics;

/// <summary>One magic line of .NET Interactive's C# kernel (a <c>#!</c> command or a <c>#r</c>/<c>#i</c> directive).</summary>
internal interface IMagicCommand
{
    /// <summary>Applies <paramref name="line"/> if it is this magic; false if the line is not for this magic.</summary>
    bool TryApply(string line, MagicContext context);
}
