using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FraudDetection.Configuration;

namespace FraudDetection.Stack;

/// <summary>
/// The stack's outputs in the kit's configuration shape, saved as <see cref="KitPaths.AwsOutputsFile"/> and
/// read by <see cref="KitConfiguration.Load"/> in aws mode. It holds no secret: <c>Kafka:SaslSecretArn</c>
/// names the Secrets Manager secret that <see cref="KafkaSecretResolver"/> reads at run time.
/// </summary>
public sealed class AwsModeConfiguration
{
    public const string SaslSecretArnKey = "Kafka:SaslSecretArn";

    /// <summary>
    /// The consumer group of processors started from this configuration (notebooks 04/05, <c>fraudlab process --mode aws</c>):
    /// not the ECS service's (<c>STACK-ecs-processor</c>, set in its task definition), so the two never split partitions.
    /// </summary>
    public const string WorkshopProcessorGroup = "fraud-processor-workshop";

    private AwsModeConfiguration(JsonObject document) => Document = document;

    public JsonObject Document { get; }

    public static AwsModeConfiguration From(StackDescription stack, StackTarget target, string bootstrapServers)
    {
        var region = stack.OptionalOutput(StackOutputNames.Region) ?? target.Region;
        var document = new JsonObject
        {
            ["Mode"] = "aws",
            ["Kafka"] = new JsonObject
            {
                ["BootstrapServers"] = bootstrapServers,
                ["SecurityProtocol"] = "sasl_ssl",
                ["SaslMechanism"] = "SCRAM-SHA-512",
                ["SaslSecretArn"] = stack.Output(StackOutputNames.KafkaSecretArn),
            },
            ["DynamoDb"] = new JsonObject
            {
                ["ServiceUrl"] = null,
                ["Region"] = region,
            },
            ["AuditTable"] = new JsonObject
            {
                ["TableName"] = stack.Output(StackOutputNames.AuditTableName),
            },
            ["Processor"] = new JsonObject
            {
                ["GroupId"] = WorkshopProcessorGroup,
            },
            ["Topics"] = new JsonObject
            {
                ["Transactions"] = stack.Output(StackOutputNames.TransactionsTopic),
                ["FlaggedAccounts"] = stack.Output(StackOutputNames.FlaggedAccountsTopic),
                ["Processed"] = stack.Output(StackOutputNames.ProcessedTopic),
                ["Rules"] = stack.Output(StackOutputNames.RulesTopic),
                ["RuleErrors"] = stack.Output(StackOutputNames.RuleErrorsTopic),
                ["DeadLetter"] = stack.Output(StackOutputNames.DeadLetterTopic),
                ["Alerts"] = stack.Output(StackOutputNames.AlertsTopic),
                ["Partitions"] = Number(stack, StackOutputNames.TopicPartitions),
                ["ReplicationFactor"] = Number(stack, StackOutputNames.TopicReplicationFactor),
            },
            [StackOptions.Section] = new JsonObject
            {
                ["Name"] = target.Name,
                ["Region"] = region,
                ["AlertTopicArn"] = stack.Output(StackOutputNames.AlertTopicArn),
                ["ProcessorCluster"] = stack.Output(StackOutputNames.ProcessorClusterName),
                ["ProcessorService"] = stack.Output(StackOutputNames.ProcessorServiceName),
                ["WorkshopHostId"] = stack.Output(StackOutputNames.WorkshopHostId),
                ["KafdropTunnelCommand"] = stack.Output(StackOutputNames.KafdropTunnelCommand),
                ["ConsoleUrl"] = stack.Output(StackOutputNames.StackConsoleUrl),
            },
        };
        return new AwsModeConfiguration(document);
    }

    public string ToJson() => Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Writes <see cref="KitPaths.AwsOutputsFile"/> (through a temporary file, so a reader never sees half of it).</summary>
    public async Task<string> SaveAsync(KitPaths paths, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.AwsStateDirectory);
        var temporary = paths.AwsOutputsFile + ".tmp";
        await File.WriteAllTextAsync(temporary, ToJson() + "\n", cancellationToken);
        File.Move(temporary, paths.AwsOutputsFile, overwrite: true);
        return paths.AwsOutputsFile;
    }

    /// <summary>Removes the saved configuration if it belongs to <paramref name="stack"/> (after the stack is deleted); true when removed.</summary>
    public static bool Forget(KitPaths paths, StackTarget stack)
    {
        if (!File.Exists(paths.AwsOutputsFile))
        {
            return false;
        }

        try
        {
            var saved = JsonNode.Parse(File.ReadAllText(paths.AwsOutputsFile))?[StackOptions.Section];
            if (saved?["Name"]?.GetValue<string>() != stack.Name || saved["Region"]?.GetValue<string>() != stack.Region)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false; // not ours to judge; leave it for the user
        }

        File.Delete(paths.AwsOutputsFile);
        return true;
    }

    private static int Number(StackDescription stack, string key) =>
        int.TryParse(stack.Output(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StackException($"stack output '{key}' is not a number: '{stack.Output(key)}'");
}
