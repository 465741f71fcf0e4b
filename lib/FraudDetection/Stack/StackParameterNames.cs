namespace FraudDetection.Stack;

/// <summary>Template parameters the deploy helper sets. The template checks assert each one exists.</summary>
public static class StackParameterNames
{
    public const string AlertEmail = "AlertEmail";
    public const string KafkaBootstrapServers = "KafkaBootstrapServers";
    public const string ProcessorImageTag = "ProcessorImageTag";

    public static IReadOnlyList<string> All { get; } = [AlertEmail, KafkaBootstrapServers, ProcessorImageTag];
}
