using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Parameters;

namespace FraudLab.Notebooks.Tests.Parameters;

public sealed class ParameterInjectorTests
{
    private static NotebookDocument Notebook(params NotebookCell[] cells)
    {
        var document = new NotebookDocument { NbFormatMinor = 4 };
        document.Cells.AddRange(cells);
        return document;
    }

    [Fact]
    public void Declared_types_come_from_the_declaration_or_the_literal()
    {
        var types = ParameterInjector.DeclaredTypes("var mode = \"local\";\nint count = 3;\nvar on = true;\nvar rate = -0.5;\nlong big = 1L, other = 2L;\nvar computed = Math.Max(1, 2);");

        Assert.Equal("string", types["mode"]);
        Assert.Equal("int", types["count"]);
        Assert.Equal("bool", types["on"]);
        Assert.Equal("double", types["rate"]);
        Assert.Equal("long", types["big"]);
        Assert.Equal("long", types["other"]);
        Assert.False(types.ContainsKey("computed"));
    }

    [Fact]
    public void Without_a_parameters_cell_values_go_first_and_are_reported_as_unknown()
    {
        var document = Notebook(new NotebookCell(NotebookCell.Markdown, "# t"), NotebookCell.CSharp("Console.Write(1);"));

        var unknown = ParameterInjector.Inject(document, new Dictionary<string, string> { ["n"] = "5", ["name"] = "a \"quoted\" value" });

        Assert.Equal(["n", "name"], unknown);
        Assert.Equal(["injected-parameters"], document.Cells[0].Tags);
        Assert.Equal("// Injected parameters\nint n = 5;\nstring name = \"a \\\"quoted\\\" value\";", document.Cells[0].Source);
    }

    [Fact]
    public void Running_again_replaces_the_injected_cell()
    {
        var document = Notebook(NotebookCell.CSharp("var mode = \"local\";", "parameters"), NotebookCell.CSharp("mode"));

        ParameterInjector.Inject(document, new Dictionary<string, string> { ["mode"] = "aws" });
        ParameterInjector.Inject(document, new Dictionary<string, string> { ["mode"] = "local" });

        Assert.Equal(3, document.Cells.Count);
        Assert.Equal("// Injected parameters\nstring mode = \"local\";", document.Cells[1].Source);
    }

    [Fact]
    public void No_values_changes_nothing()
    {
        var document = Notebook(NotebookCell.CSharp("var mode = \"local\";", "parameters"));

        ParameterInjector.Inject(document, new Dictionary<string, string>());

        Assert.Single(document.Cells);
    }

    [Theory]
    [InlineData("var mode = \"local\";", "not a name", "x", "parameter 'not a name' is not a valid C# identifier")]
    [InlineData("bool on = false;", "on", "maybe", "parameter 'on' is declared as bool, and 'maybe' is not a valid bool")]
    [InlineData("TimeSpan wait = TimeSpan.Zero;", "wait", "5", "parameter 'wait' is declared as TimeSpan; only string, bool, int, long, double and decimal parameters can be set")]
    public void Bad_values_are_refused_naming_the_parameter(string declaration, string name, string value, string message)
    {
        var document = Notebook(NotebookCell.CSharp(declaration, "parameters"));

        var error = Assert.Throws<NotebookParameterException>(() => ParameterInjector.Inject(document, new Dictionary<string, string> { [name] = value }));

        Assert.Equal(message, error.Message);
    }
}
