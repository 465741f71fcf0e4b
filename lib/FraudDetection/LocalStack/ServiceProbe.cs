using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Storage;
using FraudDetection.Streaming;

namespace FraudDetection.LocalStack;

/// <summary>
/// "Is it up?" answered by real requests: a Kafka Metadata request (AdminClient GetMetadata) and a DynamoDB ListTables.
/// A TCP connect comes first so a closed port answers at once instead of after client timeouts and retries.
/// </summary>
public static class ServiceProbe
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The topics Kafka reports, or null when it does not answer.</summary>
    public static async Task<IReadOnlyList<TopicInfo>?> KafkaTopicsAsync(KafkaOptions options, CancellationToken cancellationToken = default)
    {
        if (!await FirstEndpointAcceptsAsync(options.BootstrapServers, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            using var admin = new TopicAdmin(new KafkaClientFactory(options));
            return await admin.ListTopicsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    /// <summary>True when DynamoDB at <paramref name="options"/>' endpoint answers ListTables.</summary>
    public static async Task<bool> DynamoDbAnswersAsync(DynamoDbOptions options, CancellationToken cancellationToken = default)
    {
        if (options.ServiceUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && !await TcpPorts.AcceptsConnectionsAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            using var client = DynamoDbClientFactory.Create(options, KitMode.Local);
            await client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Retries <paramref name="probe"/> until it succeeds. Fails with the tail of the part's log when its process exits or
    /// <paramref name="timeout"/> passes, so the user sees why (port conflict, missing file, crash) in one line.
    /// </summary>
    public static async Task WaitUntilAnswersAsync(
        string name,
        string endpoint,
        StackDiscovery.StartedProcess process,
        Func<CancellationToken, Task<bool>> probe,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (!ProcessTable.IsRunning(process.Pid))
            {
                throw new LocalStackException($"{name} failed to start (exited; log {process.LogFile}): {BackgroundProcess.LogTail(process.LogFile)}");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new LocalStackException($"{name} did not answer on {endpoint} within {timeout.TotalSeconds:0} s (log {process.LogFile}): {BackgroundProcess.LogTail(process.LogFile)}");
            }

            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> FirstEndpointAcceptsAsync(string bootstrapServers, CancellationToken cancellationToken)
    {
        var first = bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var colon = first?.LastIndexOf(':') ?? -1;
        if (first is null || colon < 0 || !int.TryParse(first[(colon + 1)..], out var port))
        {
            return true; // not host:port: let the client itself judge
        }

        return await TcpPorts.AcceptsConnectionsAsync(first[..colon], port, cancellationToken).ConfigureAwait(false);
    }
}
