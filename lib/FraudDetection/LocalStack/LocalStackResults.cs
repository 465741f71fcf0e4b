using FraudDetection.Storage;
using FraudDetection.Streaming;

namespace FraudDetection.LocalStack;

/// <summary>What <see cref="LocalStackManager.UpAsync"/> did; <see cref="Notes"/> are shown to the user.</summary>
public sealed record LocalStackUpResult(
    bool AlreadyRunning,
    StackDiscovery Discovery,
    IReadOnlyList<string> CreatedTopics,
    AuditTableStatus Table,
    IReadOnlyList<string> Notes)
{
    public string BootstrapServers => Discovery.Kafka.BootstrapServers;

    public string DynamoDbServiceUrl => Discovery.DynamoDb.ServiceUrl;
}

/// <summary>What <see cref="LocalStackManager.DownAsync"/> stopped ("kafka (pid 123)") and anything worth saying.</summary>
public sealed record LocalStackDownResult(bool WasRunning, IReadOnlyList<string> Stopped, IReadOnlyList<string> Notes);

/// <summary>One part as a real request found it: <see cref="Pid"/> is set when the process <c>local up</c> started still runs.</summary>
public sealed record LocalStackPartStatus(string Name, string Endpoint, bool Up, int? Pid, string? LogFile);

/// <summary>The stack as found by real requests. <see cref="AuditItems"/> is null when DynamoDB is down or the table is missing.</summary>
public sealed record LocalStackStatus(
    LocalStackPartStatus Kafka,
    LocalStackPartStatus DynamoDb,
    IReadOnlyList<TopicInfo> Topics,
    string TableName,
    long? AuditItems,
    IReadOnlyList<string> Notes)
{
    public bool AllUp => Kafka.Up && DynamoDb.Up;
}
