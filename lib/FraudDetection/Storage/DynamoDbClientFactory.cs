using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using FraudDetection.Configuration;

namespace FraudDetection.Storage;

/// <summary>
/// Builds the DynamoDB client for a mode. Local: the configured <see cref="DynamoDbOptions.ServiceUrl"/>
/// (dynalite) with the dummy local keys, which any local endpoint accepts. Aws: the region's endpoint and the
/// SDK's default credential chain (environment, profile, instance role); <c>ServiceUrl</c> is ignored there.
/// </summary>
public static class DynamoDbClientFactory
{
    /// <summary>The SDK retries a failed call this often before the caller's own backoff takes over.</summary>
    private const int SdkRetries = 2;

    public static IAmazonDynamoDB Create(DynamoDbOptions options, KitMode mode)
    {
        var config = new AmazonDynamoDBConfig
        {
            MaxErrorRetry = SdkRetries,
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (mode == KitMode.Aws)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            return new AmazonDynamoDBClient(config);
        }

        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            throw new KitConfigurationException("invalid configuration: DynamoDb:ServiceUrl is required in local mode (e.g. http://127.0.0.1:8000)");
        }

        config.ServiceURL = options.ServiceUrl;
        config.AuthenticationRegion = options.Region;
        var credentials = new BasicAWSCredentials(options.LocalAccessKey ?? "local", options.LocalSecretKey ?? "local");
        return new AmazonDynamoDBClient(credentials, config);
    }
}
