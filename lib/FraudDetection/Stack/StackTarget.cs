namespace FraudDetection.Stack;

/// <summary>One stack in one region: what every AWS CLI call names.</summary>
public sealed record StackTarget(string Name, string Region);
