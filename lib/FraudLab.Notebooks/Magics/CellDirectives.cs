using FraudLab.Notebooks.Packages;

namespace FraudLab.Notebooks.Magics;

/// <summary>What the magic lines of one cell asked for, and the C# code left once they are blanked out.</summary>
internal sealed class CellDirectives
{
    public List<PackageReference> Packages { get; } = [];

    public List<string> PackageSources { get; } = [];

    public List<string> AssemblyPaths { get; } = [];

    /// <summary><c>#!time</c>: report the cell's wall time.</summary>
    public bool Time { get; set; }

    /// <summary>The C# code, with one empty line per magic or non-C# line so that line numbers match the cell.</summary>
    public string Code { get; set; } = "";

    /// <summary>True when the cell has nothing to do: no C# code and no directive with an effect.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Code) && Packages.Count == 0 && PackageSources.Count == 0 && AssemblyPaths.Count == 0;
}
