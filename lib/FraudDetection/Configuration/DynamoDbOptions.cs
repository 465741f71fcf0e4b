namespace FraudDetection.Configuration;

/// <summary>How to reach DynamoDB. Section <c>DynamoDb</c>.</summary>
public sealed class DynamoDbOptions
{
    public const string Section = "DynamoDb";

    /// <summary>Endpoint of a local DynamoDB (dynalite, DynamoDB Local). Empty in aws mode: the SDK uses the region's endpoint.</summary>
    public string? ServiceUrl { get; set; } = "http://127.0.0.1:8000";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Only for a local endpoint, which accepts any key. In aws mode credentials come from the SDK's default chain.</summary>
    public string? LocalAccessKey { get; set; } = "local";

    public string? LocalSecretKey { get; set; } = "local";
}
