using FraudDetection.Configuration;
using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class AwsModeConfigurationTests
{
    private static readonly StackTarget Stack = new("fraudlab-workshop", "eu-west-1");
    private const string Brokers = "b-1.kafka:9096,b-2.kafka:9096";

    [Fact]
    public async Task The_saved_file_is_what_KitConfiguration_reads_in_aws_mode()
    {
        var root = Directory.CreateTempSubdirectory("fraudlab-stack-");
        try
        {
            var paths = new KitPaths(root.FullName);
            Directory.CreateDirectory(paths.AssetsDirectory);
            File.Copy(Path.Combine(KitPaths.TryFindRoot(AppContext.BaseDirectory)!, "assets", "appsettings.json"), paths.SettingsFile);
            var configuration = AwsModeConfiguration.From(StackDescription.Parse(StackFixtures.Read("describe-stacks.json")), Stack, Brokers);

            var saved = await configuration.SaveAsync(paths, TestContext.Current.CancellationToken);
            var kit = KitConfiguration.Load(KitMode.Aws, paths: paths);

            Assert.Equal(paths.AwsOutputsFile, saved);
            Assert.Equal("sasl_ssl", kit.Kafka.SecurityProtocol);
            Assert.Equal("SCRAM-SHA-512", kit.Kafka.SaslMechanism);
            Assert.Equal(Brokers, kit.Kafka.BootstrapServers);
            Assert.True(string.IsNullOrEmpty(kit.DynamoDb.ServiceUrl), $"ServiceUrl should be empty in aws mode, was {kit.DynamoDb.ServiceUrl}");
            Assert.Equal("eu-west-1", kit.DynamoDb.Region);
            Assert.Equal("fraud_audit_table", kit.AuditTable.TableName);
            Assert.Equal(2, kit.Topics.ReplicationFactor);
            Assert.Equal("Demo_transactions", kit.Topics.Transactions);
            Assert.Equal("fraudlab-workshop", kit.Get<StackOptions>(StackOptions.Section).Name);
            Assert.DoesNotContain("password", await File.ReadAllTextAsync(saved, TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_saved_file_that_is_not_json_is_left_for_the_user()
    {
        var root = Directory.CreateTempSubdirectory("fraudlab-stack-");
        try
        {
            var paths = new KitPaths(root.FullName);
            Directory.CreateDirectory(paths.AwsStateDirectory);
            File.WriteAllText(paths.AwsOutputsFile, "{ hand edited");

            Assert.False(AwsModeConfiguration.Forget(paths, Stack));
            Assert.True(File.Exists(paths.AwsOutputsFile));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
