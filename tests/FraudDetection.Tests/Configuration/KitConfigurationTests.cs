using FraudDetection.Configuration;

namespace FraudDetection.Tests.Configuration;

public sealed class KitConfigurationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("fraudlab-config-").FullName;

    private KitPaths Paths => new(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Defaults_name_the_original_workshop_topics_and_table()
    {
        var config = KitConfiguration.Load(KitMode.Local, paths: Paths);

        Assert.Equal(KitMode.Local, config.Mode);
        Assert.Equal(["Demo_transactions", "Flagged_accounts", "Processed_topic"], config.Topics.Workshop);
        Assert.Equal("fraud_audit_table", config.AuditTable.TableName);
        Assert.Equal("127.0.0.1:9092", config.Kafka.BootstrapServers);
    }

    [Fact]
    public void Discovery_file_then_environment_then_overrides_win_in_that_order()
    {
        Directory.CreateDirectory(Paths.LocalStateDirectory);
        File.WriteAllText(Paths.LocalDiscoveryFile, """{"Kafka":{"BootstrapServers":"127.0.0.1:1111"},"AuditTable":{"TableName":"from_discovery"}}""");

        var fromFile = KitConfiguration.Load(KitMode.Local, paths: Paths);
        var overridden = KitConfiguration.Load(KitMode.Local, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:2222" }, Paths);

        Assert.Equal("127.0.0.1:1111", fromFile.Kafka.BootstrapServers);
        Assert.Equal("from_discovery", fromFile.AuditTable.TableName);
        Assert.Equal("127.0.0.1:2222", overridden.Kafka.BootstrapServers);
    }

    [Fact]
    public void Aws_mode_reads_the_stack_outputs_not_the_discovery_file()
    {
        Directory.CreateDirectory(Paths.LocalStateDirectory);
        Directory.CreateDirectory(Paths.AwsStateDirectory);
        File.WriteAllText(Paths.LocalDiscoveryFile, """{"Kafka":{"BootstrapServers":"127.0.0.1:1111"}}""");
        File.WriteAllText(Paths.AwsOutputsFile, """{"Kafka":{"BootstrapServers":"b-1.msk.example:9096","SecurityProtocol":"sasl_ssl"}}""");

        var config = KitConfiguration.Load(KitMode.Aws, paths: Paths);

        Assert.Equal("b-1.msk.example:9096", config.Kafka.BootstrapServers);
        Assert.Equal("sasl_ssl", config.Kafka.SecurityProtocol);
    }

    [Fact]
    public void Invalid_values_name_section_and_key()
    {
        var config = KitConfiguration.Load(KitMode.Local, new Dictionary<string, string?> { ["Topics:Partitions"] = "0", ["Kafka:SecurityProtocol"] = "carrier-pigeon" }, Paths);

        var topics = Assert.Throws<KitConfigurationException>(() => config.Topics);
        var kafka = Assert.Throws<KitConfigurationException>(() => config.Kafka);

        Assert.Contains("Topics:Partitions", topics.Message);
        Assert.Contains("Kafka:SecurityProtocol", kafka.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_one_readable_error()
    {
        var config = KitConfiguration.Load(KitMode.Local, new Dictionary<string, string?> { ["LocalStack:KafkaPort"] = "ninety" }, Paths);

        var ex = Assert.Throws<KitConfigurationException>(() => config.LocalStack);

        Assert.Contains("LocalStack", ex.Message);
    }

    [Fact]
    public void A_malformed_discovery_file_is_one_line_naming_the_file()
    {
        Directory.CreateDirectory(Paths.LocalStateDirectory);
        File.WriteAllText(Paths.LocalDiscoveryFile, "{ not json");

        var ex = Assert.Throws<KitConfigurationException>(() => KitConfiguration.Load(KitMode.Local, paths: Paths));

        Assert.Contains("stack.json", ex.Message);
    }

    [Theory]
    [InlineData("local", KitMode.Local)]
    [InlineData("AWS", KitMode.Aws)]
    [InlineData(null, KitMode.Local)]
    public void Mode_parses_case_insensitively(string? value, KitMode expected) => Assert.Equal(expected, KitConfiguration.ParseMode(value));

    [Fact]
    public void An_unknown_mode_is_rejected_with_the_value()
    {
        var ex = Assert.Throws<KitConfigurationException>(() => KitConfiguration.ParseMode("mars"));
        Assert.Contains("'mars'", ex.Message);
    }
}
