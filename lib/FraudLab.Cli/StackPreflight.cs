using System.Net.Sockets;
using FraudDetection.Configuration;

namespace FraudLab.Cli;

/// <summary>
/// Before a verb opens Kafka or DynamoDB clients in local mode: is anything listening where the configuration points?
/// Without this, a stopped stack shows up as a flood of librdkafka reconnect lines for 15 s and then
/// "Local: Broker transport failure", or as "Connection refused (127.0.0.1:8000)", neither naming the fix.
/// In aws mode the clients' own errors name the endpoint and credentials, so nothing is checked here.
/// </summary>
internal static class StackPreflight
{
    /// <summary>How long one endpoint may take to accept a TCP connection: a loopback stack answers in microseconds.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Throws a <see cref="CliException"/> naming each part that does not answer and the command that starts it.</summary>
    public static async Task RequireLocalStackAsync(KitConfiguration configuration, bool kafka, bool dynamoDb, CancellationToken ct)
    {
        if (configuration.Mode != KitMode.Local)
        {
            return;
        }

        var down = new List<string>();
        if (kafka && !await AnyAnswersAsync(KafkaEndpoints(configuration.Kafka.BootstrapServers), ct))
        {
            down.Add($"Kafka at {configuration.Kafka.BootstrapServers} does not answer");
        }

        if (dynamoDb && configuration.DynamoDb.ServiceUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && !await AnyAnswersAsync([(uri.Host, uri.Port)], ct))
        {
            down.Add($"DynamoDB at {url} does not answer");
        }

        if (down.Count > 0)
        {
            throw new CliException($"the local stack is not running ({string.Join("; ", down)}): start it with 'fraudlab local up'");
        }
    }

    private static IEnumerable<(string Host, int Port)> KafkaEndpoints(string bootstrapServers)
    {
        foreach (var server in bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = server.Contains("://", StringComparison.Ordinal) ? server[(server.IndexOf("://", StringComparison.Ordinal) + 3)..] : server;
            var colon = address.LastIndexOf(':');
            if (colon > 0 && int.TryParse(address[(colon + 1)..], out var port))
            {
                yield return (address[..colon].Trim('[', ']'), port);
            }
        }
    }

    private static async Task<bool> AnyAnswersAsync(IEnumerable<(string Host, int Port)> endpoints, CancellationToken ct)
    {
        foreach (var (host, port) in endpoints)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, timeout.Token);
                return true;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // try the next bootstrap server
            }
        }

        return false;
    }
}
