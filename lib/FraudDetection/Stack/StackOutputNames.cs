namespace FraudDetection.Stack;

/// <summary>Output keys of cfn/fraud-detection-stack.yaml that the kit reads. The template checks assert each one exists.</summary>
public static class StackOutputNames
{
    public const string Region = "Region";
    public const string KafkaClusterArn = "KafkaClusterArn";
    public const string KafkaBootstrapBrokers = "KafkaBootstrapBrokers";
    public const string KafkaSecretArn = "KafkaSecretArn";
    public const string TransactionsTopic = "TransactionsTopic";
    public const string FlaggedAccountsTopic = "FlaggedAccountsTopic";
    public const string ProcessedTopic = "ProcessedTopic";
    public const string RulesTopic = "RulesTopic";
    public const string RuleErrorsTopic = "RuleErrorsTopic";
    public const string DeadLetterTopic = "DeadLetterTopic";
    public const string AlertsTopic = "AlertsTopic";
    public const string TopicPartitions = "TopicPartitions";
    public const string TopicReplicationFactor = "TopicReplicationFactor";
    public const string AuditTableName = "AuditTableName";
    public const string AlertTopicArn = "AlertTopicArn";
    public const string ProcessorClusterName = "ProcessorClusterName";
    public const string ProcessorServiceName = "ProcessorServiceName";
    public const string ProcessorImageRegistry = "ProcessorImageRegistry";
    public const string ProcessorRepositoryName = "ProcessorRepositoryName";
    public const string WorkshopHostId = "WorkshopHostId";
    public const string KafdropTunnelCommand = "KafdropTunnelCommand";
    public const string StackConsoleUrl = "StackConsoleUrl";

    /// <summary>Every output the CLI, the processor configuration and the notebooks read.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Region, KafkaClusterArn, KafkaBootstrapBrokers, KafkaSecretArn,
        TransactionsTopic, FlaggedAccountsTopic, ProcessedTopic, RulesTopic, RuleErrorsTopic, DeadLetterTopic, AlertsTopic,
        TopicPartitions, TopicReplicationFactor, AuditTableName, AlertTopicArn,
        ProcessorClusterName, ProcessorServiceName, ProcessorImageRegistry, ProcessorRepositoryName,
        WorkshopHostId, KafdropTunnelCommand, StackConsoleUrl,
    ];
}
