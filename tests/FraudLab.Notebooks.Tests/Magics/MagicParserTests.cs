using FraudLab.Notebooks.Magics;
using FraudLab.Notebooks.Packages;

namespace FraudLab.Notebooks.Tests.Magics;

public sealed class MagicParserTests
{
    private const string Folder = "/work/notebooks";

    [Fact]
    public void Directives_are_collected_and_blanked_so_line_numbers_stay()
    {
        var cell = MagicParser.Parse("#!time\n#i \"nuget: ../.fraudlab/feed\"\n#r \"nuget: FraudDetection, 0.1.0\"\n#r \"nuget:Bogus\"\nvar x = 1;", Folder);

        Assert.True(cell.Time);
        Assert.Equal(["/work/.fraudlab/feed"], cell.PackageSources);
        Assert.Equal([new PackageReference("FraudDetection", "0.1.0"), new PackageReference("Bogus", null)], cell.Packages);
        Assert.Equal("\n\n\n\nvar x = 1;", cell.Code);
    }

    [Fact]
    public void Url_sources_stay_as_given()
    {
        var cell = MagicParser.Parse("#i \"nuget: https://example.invalid/v3/index.json\"", Folder);

        Assert.Equal(["https://example.invalid/v3/index.json"], cell.PackageSources);
    }

    [Fact]
    public void Markdown_sections_are_blanked_until_csharp_resumes()
    {
        var cell = MagicParser.Parse("#!markdown\n# Title\n#!csharp\n1 + 1", Folder);

        Assert.Equal("\n\n\n1 + 1", cell.Code);
    }

    [Fact]
    public void Preprocessor_lines_of_csharp_are_code()
    {
        var cell = MagicParser.Parse("#nullable enable\n#pragma warning disable CS0168\nstring? s = null;", Folder);

        Assert.Equal("#nullable enable\n#pragma warning disable CS0168\nstring? s = null;", cell.Code);
        Assert.False(cell.IsEmpty);
    }

    [Fact]
    public void A_cell_of_only_markdown_is_empty()
    {
        Assert.True(MagicParser.Parse("#!markdown\nJust text.", Folder).IsEmpty);
    }

    [Theory]
    [InlineData("#!who", "unsupported magic command: #!who")]
    [InlineData("  #!pwsh", "unsupported magic command: #!pwsh")]
    [InlineData("#r \"nuget: A, 1.0, extra\"", "#r \"nuget: A, 1.0, extra\": expected \"nuget: PackageId, Version\"")]
    [InlineData("#i \"some/folder\"", "#i \"some/folder\": only package sources (\"nuget: <url or folder>\") are supported")]
    public void Unsupported_or_malformed_magics_are_errors_naming_them(string line, string message)
    {
        var error = Assert.Throws<MagicCommandException>(() => MagicParser.Parse("var a = 1;\n" + line, Folder));

        Assert.Equal(message, error.Message);
    }
}
