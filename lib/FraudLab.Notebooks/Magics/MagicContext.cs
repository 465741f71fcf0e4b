namespace FraudLab.Notebooks.Magics;

/// <summary>The state the magics of one cell share while its lines are read.</summary>
internal sealed class MagicContext(string baseDirectory)
{
    /// <summary>Folder relative paths in <c>#r</c> and <c>#i</c> resolve against: the notebook's folder.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    public CellDirectives Directives { get; } = new();

    /// <summary>The kernel the following lines belong to; <c>#!csharp</c> and <c>#!markdown</c> switch it.</summary>
    public bool InCSharp { get; set; } = true;

    /// <summary>Resolves a path from a magic: <c>~</c> is the home folder, relative paths start at the notebook's folder.</summary>
    public string ResolvePath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        return Path.GetFullPath(Path.Combine(BaseDirectory, path));
    }
}
