using System.Text.Json;

namespace FraudDetection.Stack;

/// <summary>One stack as <c>aws cloudformation describe-stacks --output json</c> prints it.</summary>
public sealed record StackDescription(
    string StackName,
    string StackId,
    string StackStatus,
    string? StackStatusReason,
    DateTimeOffset CreationTime,
    DateTimeOffset? LastUpdatedTime,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Finished without failure: the outputs can be trusted.</summary>
    public bool IsUsable => StackStatus is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or "UPDATE_ROLLBACK_COMPLETE" or "IMPORT_COMPLETE";

    public bool IsInProgress => StackStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);

    /// <summary>The output's value; a clear error when the stack lacks it (an older or foreign template).</summary>
    public string Output(string key) => OptionalOutput(key)
        ?? throw new StackException($"stack '{StackName}' has no output '{key}': was it deployed from cfn/fraud-detection-stack.yaml by 'fraudlab stack deploy'?");

    public string? OptionalOutput(string key) => Outputs.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Reads the first stack of a <c>describe-stacks</c> answer.</summary>
    public static StackDescription Parse(string json)
    {
        var answer = StackJson.Deserialize<DescribeStacksAnswer>(json, "describe-stacks");
        var stack = answer.Stacks?.FirstOrDefault()
            ?? throw new StackException("'aws cloudformation describe-stacks' answered with no stack");
        return new StackDescription(
            stack.StackName ?? throw StackJson.Missing("describe-stacks", "StackName"),
            stack.StackId ?? string.Empty,
            stack.StackStatus ?? throw StackJson.Missing("describe-stacks", "StackStatus"),
            stack.StackStatusReason,
            stack.CreationTime,
            stack.LastUpdatedTime,
            (stack.Outputs ?? []).Where(o => o.OutputKey is not null).ToDictionary(o => o.OutputKey!, o => o.OutputValue ?? string.Empty, StringComparer.Ordinal),
            (stack.Parameters ?? []).Where(p => p.ParameterKey is not null).ToDictionary(p => p.ParameterKey!, p => p.ParameterValue ?? string.Empty, StringComparer.Ordinal));
    }

    private sealed record DescribeStacksAnswer(List<StackJsonShape>? Stacks);

    private sealed record StackJsonShape(
        string? StackName,
        string? StackId,
        string? StackStatus,
        string? StackStatusReason,
        DateTimeOffset CreationTime,
        DateTimeOffset? LastUpdatedTime,
        List<OutputShape>? Outputs,
        List<ParameterShape>? Parameters);

    private sealed record OutputShape(string? OutputKey, string? OutputValue);

    private sealed record ParameterShape(string? ParameterKey, string? ParameterValue);
}

/// <summary>Reading the AWS CLI's JSON; malformed output becomes one line naming the command.</summary>
internal static class StackJson
{
    public static T Deserialize<T>(string json, string command)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new StackException($"'aws cloudformation {command}' printed nothing");
        }
        catch (JsonException ex)
        {
            throw new StackException($"could not read the output of 'aws cloudformation {command}': {ex.Message}");
        }
    }

    public static StackException Missing(string command, string field) =>
        new($"the output of 'aws cloudformation {command}' has no {field}");
}
