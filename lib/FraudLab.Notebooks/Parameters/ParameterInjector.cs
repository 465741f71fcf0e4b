using System.Globalization;
using FraudLab.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FraudLab.Notebooks.Parameters;

/// <summary>
/// Papermill's parameters for C#: values given on the command line go into a new cell tagged
/// <c>injected-parameters</c> right after the cell tagged <c>parameters</c> (at the top if there is none),
/// each re-declared with the type of its declaration in the parameters cell, so <c>-p count=5</c> stays an int.
/// </summary>
public static class ParameterInjector
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>Inserts the injected cell and returns the names that the parameters cell does not declare (papermill warns about those).</summary>
    public static IReadOnlyList<string> Inject(NotebookDocument document, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        document.Cells.RemoveAll(c => c.Tags.Contains(InjectedTag)); // re-running an executed notebook replaces them
        var parametersIndex = document.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(ParametersTag));
        var declared = parametersIndex >= 0 ? DeclaredTypes(document.Cells[parametersIndex].Source) : [];

        var lines = new List<string> { "// Injected parameters" };
        var unknown = new List<string>();
        foreach (var (name, value) in values)
        {
            if (!SyntaxFacts.IsValidIdentifier(name))
            {
                throw new NotebookParameterException($"parameter '{name}' is not a valid C# identifier");
            }

            if (!declared.TryGetValue(name, out var type))
            {
                unknown.Add(name);
                type = InferType(value);
            }

            lines.Add($"{type} {name} = {Literal(name, type, value)};");
        }

        var cell = NotebookCell.CSharp(string.Join('\n', lines), InjectedTag);
        cell.Id = document.UsesCellIds ? "injected-parameters" : null;
        document.Cells.Insert(parametersIndex + 1, cell);
        return unknown;
    }

    /// <summary>The top-level variables of the parameters cell and their C# type (from the declaration, or the literal for <c>var</c>).</summary>
    internal static Dictionary<string, string> DeclaredTypes(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var declarations = root.ChildNodes().Select(n => n switch
        {
            FieldDeclarationSyntax field => field.Declaration,
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
            _ => null,
        }).OfType<VariableDeclarationSyntax>();

        foreach (var declaration in declarations)
        {
            foreach (var variable in declaration.Variables)
            {
                var type = declaration.Type.IsVar ? TypeOfLiteral(variable.Initializer?.Value) : declaration.Type.ToString();
                if (type is not null)
                {
                    types[variable.Identifier.Text] = type;
                }
            }
        }

        return types;
    }

    private static string? TypeOfLiteral(ExpressionSyntax? value) => value switch
    {
        LiteralExpressionSyntax literal => literal.Token.Value switch
        {
            string => "string",
            bool => "bool",
            int => "int",
            long => "long",
            double => "double",
            decimal => "decimal",
            _ => null,
        },
        PrefixUnaryExpressionSyntax { OperatorToken.Text: "-" } negative => TypeOfLiteral(negative.Operand),
        _ => null,
    };

    private static string InferType(string value) =>
        bool.TryParse(value, out _) ? "bool"
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? "int"
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "double"
        : "string";

    private static string Literal(string name, string type, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        string? literal = type switch
        {
            "string" or "String" or "System.String" => SymbolDisplay.FormatLiteral(value, quote: true),
            "bool" or "Boolean" => bool.TryParse(value, out var b) ? (b ? "true" : "false") : null,
            "int" or "Int32" => int.TryParse(value, NumberStyles.Integer, invariant, out var i) ? i.ToString(invariant) : null,
            "long" or "Int64" => long.TryParse(value, NumberStyles.Integer, invariant, out var l) ? l.ToString(invariant) + "L" : null,
            "double" or "Double" => double.TryParse(value, NumberStyles.Float, invariant, out var d) ? d.ToString("R", invariant) + "d" : null,
            "decimal" or "Decimal" => decimal.TryParse(value, NumberStyles.Float, invariant, out var m) ? m.ToString(invariant) + "m" : null,
            _ => throw new NotebookParameterException($"parameter '{name}' is declared as {type}; only string, bool, int, long, double and decimal parameters can be set"),
        };
        return literal ?? throw new NotebookParameterException($"parameter '{name}' is declared as {type}, and '{value}' is not a valid {type}");
    }
}
