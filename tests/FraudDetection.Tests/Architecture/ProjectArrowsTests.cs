using System.Text.RegularExpressions;
using System.Xml.Linq;
using FraudDetection.Configuration;

namespace FraudDetection.Tests.Architecture;

/// <summary>The arrows drawn in lib/README.md are the project references of lib/*/*.csproj, no more and no less.</summary>
public sealed partial class ProjectArrowsTests
{
    private static string Root => KitPaths.TryFindRoot(AppContext.BaseDirectory)!;

    [Fact]
    public void The_arrows_in_lib_README_are_the_project_references()
    {
        var drawn = DrawnArrows(File.ReadAllText(Path.Combine(Root, "lib", "README.md")));
        var actual = Directory.GetDirectories(Path.Combine(Root, "lib"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), References);

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), drawn.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
        {
            Assert.True(references.SetEquals(drawn[project]), $"{project}: README draws -> {string.Join(", ", drawn[project].Order())}, the project references {string.Join(", ", references.Order())}");
        }
    }

    /// <summary>Lines of the README's code block: <c>Name [-> A, B] [(comment)]</c>.</summary>
    private static Dictionary<string, HashSet<string>> DrawnArrows(string readme)
    {
        var block = readme.Split("```")[1];
        var arrows = new Dictionary<string, HashSet<string>>();
        foreach (var line in block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var match = ArrowLine().Match(line);
            Assert.True(match.Success, $"lib/README.md: cannot read '{line}'");
            var targets = match.Groups["to"].Success ? match.Groups["to"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            arrows.Add(match.Groups["from"].Value, [.. targets]);
        }

        return arrows;
    }

    private static HashSet<string> References(string project) =>
    [
        .. XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/'))),
    ];

    [GeneratedRegex(@"^(?<from>[A-Za-z.]+)\s*(->\s*(?<to>[A-Za-z., ]+?))?\s*(\(.*\))?$")]
    private static partial Regex ArrowLine();
}
