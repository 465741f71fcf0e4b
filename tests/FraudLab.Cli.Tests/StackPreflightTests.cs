using System.Net;
using System.Net.Sockets;
using FraudLab.Testing;

namespace FraudLab.Cli.Tests;

/// <summary>
/// Verbs that need the local stack, run as real processes against ports nothing listens on: one stderr line naming
/// what does not answer and the command that starts it, exit 1, instead of librdkafka's reconnect flood.
/// </summary>
public sealed class StackPreflightTests
{
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Theory]
    [InlineData("generate transactions --count 5", false)]
    [InlineData("process", true)]
    [InlineData("audit rebuild", true)]
    public async Task A_stopped_local_stack_is_one_line_naming_local_up(string commandLine, bool needsDynamoDb)
    {
        var kafka = $"127.0.0.1:{ClosedPort()}";
        var dynamoDb = $"http://127.0.0.1:{ClosedPort()}";
        var environment = new Dictionary<string, string?>
        {
            ["FRAUDLAB_Kafka__BootstrapServers"] = kafka,
            ["FRAUDLAB_DynamoDb__ServiceUrl"] = dynamoDb,
        };

        var result = await ProcessRunner.RunCliAsync(commandLine.Split(' '), environment, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fraudlab: error: the local stack is not running (", line, StringComparison.Ordinal);
        Assert.EndsWith("): start it with 'fraudlab local up'", line, StringComparison.Ordinal);
        Assert.Contains($"Kafka at {kafka} does not answer", line, StringComparison.Ordinal);
        Assert.Equal(needsDynamoDb, line.Contains($"DynamoDB at {dynamoDb} does not answer", StringComparison.Ordinal));
    }
}
