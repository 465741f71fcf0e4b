using Confluent.Kafka;
using FraudDetection.Configuration;
using FraudDetection.Streaming;

namespace FraudDetection.Tests.Streaming;

public sealed class KafkaClientFactoryTests
{
    [Fact]
    public void Local_defaults_are_plaintext_with_prefixed_client_ids()
    {
        var factory = new KafkaClientFactory(new KafkaOptions { BootstrapServers = "127.0.0.1:19092" });

        var producer = factory.ProducerConfig("gen");
        var consumer = factory.ConsumerConfig("proc", "group-a");
        var admin = factory.AdminConfig();

        Assert.All(new ClientConfig[] { producer, consumer, admin }, c =>
        {
            Assert.Equal("127.0.0.1:19092", c.BootstrapServers);
            Assert.Equal(SecurityProtocol.Plaintext, c.SecurityProtocol);
            Assert.Null(c.SaslMechanism);
        });
        Assert.Equal("fraudlab-gen", producer.ClientId);
        Assert.Equal("fraudlab-proc", consumer.ClientId);
        Assert.Equal("fraudlab-admin", admin.ClientId);
    }

    [Fact]
    public void Msk_settings_give_sasl_scram_over_tls()
    {
        var factory = new KafkaClientFactory(new KafkaOptions
        {
            BootstrapServers = "b-1.msk.example:9096",
            SecurityProtocol = "SASL_SSL",
            SaslMechanism = "SCRAM-SHA-512",
            SaslUsername = "alice",
            SaslPassword = "secret",
        });

        var config = factory.ConsumerConfig("proc", "g");

        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
        Assert.Equal("alice", config.SaslUsername);
        Assert.Equal("secret", config.SaslPassword);
    }

    [Fact]
    public void Consumers_commit_by_hand_and_keep_the_join_co_partitioned()
    {
        var config = new KafkaClientFactory(new KafkaOptions()).ConsumerConfig("proc", "fraud-processor", fromBeginning: false);

        Assert.Equal("fraud-processor", config.GroupId);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Latest, config.AutoOffsetReset);
        Assert.Equal(PartitionAssignmentStrategy.Range, config.PartitionAssignmentStrategy);
    }

    [Fact]
    public void Producers_are_idempotent_and_partition_like_java_clients()
    {
        var config = new KafkaClientFactory(new KafkaOptions()).ProducerConfig("gen");

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
    }

    [Fact]
    public void Settings_pass_through_last_and_override_the_kit_defaults()
    {
        var options = new KafkaOptions { ClientIdPrefix = "" };
        options.Settings["linger.ms"] = "25";
        options.Settings["client.id"] = "custom";

        var config = new KafkaClientFactory(options).ProducerConfig("gen");

        Assert.Equal(25, config.LingerMs);
        Assert.Equal("custom", config.ClientId);
        Assert.Equal("gen", new KafkaClientFactory(new KafkaOptions { ClientIdPrefix = "" }).ClientId("gen"));
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("")]
    public void An_unknown_security_protocol_is_a_configuration_error(string protocol)
    {
        var factory = new KafkaClientFactory(new KafkaOptions { SecurityProtocol = protocol });

        var error = Assert.Throws<KitConfigurationException>(() => factory.AdminConfig());

        Assert.Contains("Kafka:SecurityProtocol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_sasl_mechanism_is_a_configuration_error()
    {
        var factory = new KafkaClientFactory(new KafkaOptions { SecurityProtocol = "sasl_ssl", SaslMechanism = "KERBEROS" });

        var error = Assert.Throws<KitConfigurationException>(() => factory.AdminConfig());

        Assert.Contains("Kafka:SaslMechanism", error.Message, StringComparison.Ordinal);
    }
}
