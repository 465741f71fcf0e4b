namespace FraudDetection.LocalStack;

/// <summary>
/// One background program of the stack: what to run, where its output goes, and the markers that identify it
/// later in <c>/proc/&lt;pid&gt;/cmdline</c> so <c>down</c> never signals a stranger that reused the pid.
/// </summary>
public sealed record LaunchSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    string LogFile,
    IReadOnlyList<string> Markers);
