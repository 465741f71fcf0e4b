using System.Diagnostics;
using System.Reflection;
using FraudLab.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;

namespace FraudLab.Notebooks.Execution;

/// <summary>Builds <c>error</c> outputs whose message starts with the cell number and, when known, the line in the cell.</summary>
internal static class CellErrors
{
    public static ErrorOutput Compilation(int cellNumber, IReadOnlyList<Diagnostic> errors)
    {
        var first = errors[0];
        var line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
        var traceback = errors.Select(d =>
        {
            var position = d.Location.GetLineSpan().StartLinePosition;
            return $"({position.Line + 1},{position.Character + 1}): error {d.Id}: {d.GetMessage()}";
        }).ToList();
        return new ErrorOutput("CompilationError", $"cell {cellNumber}, line {line}: error {first.Id}: {first.GetMessage()}", traceback);
    }

    public static ErrorOutput Exception(int cellNumber, string sourceName, Exception exception)
    {
        exception = Unwrap(exception);
        var line = LineInCell(exception, sourceName);
        var where = line is null ? $"cell {cellNumber}" : $"cell {cellNumber}, line {line}";
        return new ErrorOutput(
            exception.GetType().FullName ?? exception.GetType().Name,
            $"{where}: {exception.Message}",
            exception.ToString().ReplaceLineEndings("\n").Split('\n'));
    }

    public static ErrorOutput Message(int cellNumber, string name, string message) =>
        new(name, $"cell {cellNumber}: {message}", [$"{name}: cell {cellNumber}: {message}"]);

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };

    /// <summary>The line of the deepest stack frame that is in the cell's own code (script debug info names it).</summary>
    private static int? LineInCell(Exception exception, string sourceName) =>
        new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .Where(f => f.GetFileName() == sourceName && f.GetFileLineNumber() > 0)
            .Select(f => (int?)f.GetFileLineNumber())
            .FirstOrDefault();
}
