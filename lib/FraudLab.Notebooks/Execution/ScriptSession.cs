using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using FraudLab.Notebooks.Formatting;
using Microsoft.AspNetCore.Html;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace FraudLab.Notebooks.Execution;

/// <summary>
/// One Roslyn scripting state shared by all cells of a notebook, like .NET Interactive's C# kernel: each cell
/// is a submission that continues the previous one, so variables, usings and types carry over.
/// </summary>
internal sealed class ScriptSession
{
    /// <summary>
    /// The namespaces .NET Interactive's C# kernel 1.0.712001 imports (read from its script options), in its order,
    /// plus the display helpers (the kernel's <c>using static Microsoft.DotNet.Interactive.Kernel</c>).
    /// </summary>
    public static readonly ImmutableArray<string> DefaultImports =
    [
        "System",
        "System.Text",
        "System.Collections",
        "System.Collections.Generic",
        "System.Threading.Tasks",
        "System.Linq",
        typeof(DisplayExtensions).Namespace!,
    ];

    private readonly NotebookGlobals _globals = new();
    private readonly HashSet<string> _referencedPaths = new(StringComparer.Ordinal);
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    private ScriptState<object> State => _state ?? throw new InvalidOperationException("the session is not started");

    public ScriptSession(string baseDirectory)
    {
        _options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(DefaultReferences())
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(baseDirectory))
            // Debug information with the cell as file name: stack traces then carry the line in the cell.
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Debug);
    }

    /// <summary>
    /// Starts the kernel: compiles and runs an empty submission, so that loading the compiler and the
    /// references (seconds on a cold process) is not charged to the first cell's timeout.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        _state = await CSharpScript.RunAsync("", _options, _globals, typeof(NotebookGlobals), cancellationToken);

    /// <summary>Adds assembly files (from <c>#r</c> or a package restore) to every following cell.</summary>
    public void AddReferences(IEnumerable<string> paths)
    {
        var added = paths.Where(_referencedPaths.Add).Select(p => MetadataReference.CreateFromFile(p)).ToList();
        if (added.Count > 0)
        {
            _options = _options.AddReferences(added);
        }
    }

    /// <summary>
    /// Compiles <paramref name="code"/> as the next submission; compile errors come back as diagnostics and
    /// nothing runs. <paramref name="sourceName"/> names the cell in stack traces.
    /// </summary>
    public Submission Compile(string code, string sourceName)
    {
        var script = State.Script.ContinueWith(code, _options.WithFilePath(sourceName));
        var diagnostics = script.Compile();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return new Submission(script, errors, errors.Count == 0 && HasTrailingValue(script.GetCompilation()));
    }

    /// <summary>A cell has a result when it ends with an expression without a semicolon whose type is not void.</summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        if (tree.GetRoot() is not CompilationUnitSyntax { Members: [.., GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }] }
            || !statement.SemicolonToken.IsMissing)
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>Runs a compiled submission; an exception thrown by the cell is returned, and the state before it is kept.</summary>
    /// <remarks>The new state is kept only if <paramref name="keepState"/> still says so when the cell ends (not after a timeout).</remarks>
    public async Task<SubmissionResult> RunAsync(Submission submission, Func<bool> keepState, CancellationToken cancellationToken)
    {
        var state = await submission.Script.RunFromAsync(State, _ => true, cancellationToken);
        if (keepState())
        {
            _state = state;
        }

        return new SubmissionResult(state.ReturnValue, submission.HasValue && state.Exception is null, state.Exception);
    }

    private static IEnumerable<MetadataReference> DefaultReferences()
    {
        // The shared framework the host runs on (not the host's own dependencies), and the display helpers.
        var frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        var framework = trusted.Where(p => p.StartsWith(frameworkDirectory, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.Ordinal));
        var helpers = new[] { typeof(NotebookGlobals), typeof(Formatter), typeof(IHtmlContent) }.Select(t => t.Assembly.Location);
        return framework.Concat(helpers).Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }

    internal sealed record Submission(Script<object> Script, IReadOnlyList<Diagnostic> Errors, bool HasValue);

    internal sealed record SubmissionResult(object? Value, bool HasValue, Exception? Exception);
}
