namespace FraudDetection.Stack;

/// <summary>One stack event as <c>aws cloudformation describe-stack-events --output json</c> prints it.</summary>
public sealed record StackEvent(
    string EventId,
    DateTimeOffset Timestamp,
    string LogicalResourceId,
    string ResourceType,
    string ResourceStatus,
    string? ResourceStatusReason)
{
    public bool IsFailure => ResourceStatus.Contains("FAILED", StringComparison.Ordinal) || ResourceStatus.StartsWith("ROLLBACK", StringComparison.Ordinal)
        || ResourceStatus.Contains("_ROLLBACK_", StringComparison.Ordinal);

    /// <summary>One progress line: time, status, resource, reason.</summary>
    public override string ToString() =>
        $"{Timestamp.UtcDateTime:HH:mm:ss} {ResourceStatus,-28} {LogicalResourceId} ({ResourceType}){(string.IsNullOrEmpty(ResourceStatusReason) ? "" : $": {ResourceStatusReason}")}";

    /// <summary>Reads a <c>describe-stack-events</c> answer; events come back oldest first.</summary>
    public static IReadOnlyList<StackEvent> ParseAll(string json)
    {
        var answer = StackJson.Deserialize<DescribeEventsAnswer>(json, "describe-stack-events");
        return (answer.StackEvents ?? [])
            .Select(e => new StackEvent(
                e.EventId ?? throw StackJson.Missing("describe-stack-events", "EventId"),
                e.Timestamp,
                e.LogicalResourceId ?? string.Empty,
                e.ResourceType ?? string.Empty,
                e.ResourceStatus ?? string.Empty,
                e.ResourceStatusReason))
            .OrderBy(e => e.Timestamp)
            .ToList();
    }

    private sealed record DescribeEventsAnswer(List<EventShape>? StackEvents);

    private sealed record EventShape(
        string? EventId,
        DateTimeOffset Timestamp,
        string? LogicalResourceId,
        string? ResourceType,
        string? ResourceStatus,
        string? ResourceStatusReason);
}
