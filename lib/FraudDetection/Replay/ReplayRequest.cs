namespace FraudDetection.Replay;

/// <summary>The files of one replay. <see cref="ErrorsPath"/> defaults to the output path with <c>.errors.jsonl</c>.</summary>
public sealed record ReplayRequest(string InputPath, string OutputPath, string? FlagsPath = null, string? RulesPath = null, string? ErrorsPath = null)
{
    public string EffectiveErrorsPath => ErrorsPath ?? Path.ChangeExtension(OutputPath, ".errors.jsonl");
}
