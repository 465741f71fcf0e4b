using System.Collections.Concurrent;
using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

/// <summary>
/// Stands in for the AWS CLI: records every process the helper starts and answers from canned
/// responses keyed by the start of the command line (the longest matching key wins). Unmatched commands succeed with no output.
/// </summary>
internal sealed class RecordingProcessRunner : IProcessRunner
{
    private readonly Dictionary<string, Func<ProcessResult>> responses = new(StringComparer.Ordinal);

    public ConcurrentQueue<ProcessRequest> Requests { get; } = new();

    /// <summary>Command lines (program and arguments joined by spaces) in the order they ran.</summary>
    public IReadOnlyList<string> CommandLines => [.. Requests.Select(Line)];

    public RecordingProcessRunner Answer(string commandLinePrefix, string output, int exitCode = 0, string error = "") =>
        Answer(commandLinePrefix, () => new ProcessResult(exitCode, output, error));

    public RecordingProcessRunner Answer(string commandLinePrefix, Func<ProcessResult> respond)
    {
        responses[commandLinePrefix] = respond;
        return this;
    }

    public RecordingProcessRunner AnswerFixture(string commandLinePrefix, string fixture) => Answer(commandLinePrefix, StackFixtures.Read(fixture));

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var line = Line(request);
        var match = responses.Keys.Where(k => line.StartsWith(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
        // Answered on the thread pool, like a real process: the caller may run something alongside.
        return match is null ? Task.FromResult(new ProcessResult(0, string.Empty, string.Empty)) : Task.Run(responses[match], cancellationToken);
    }

    private static string Line(ProcessRequest request) => string.Join(' ', request.Arguments.Prepend(request.Program));
}
