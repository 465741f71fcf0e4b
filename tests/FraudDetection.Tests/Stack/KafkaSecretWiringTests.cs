using FraudDetection.Configuration;
using FraudDetection.Stack;
using FraudDetection.Streaming;

namespace FraudDetection.Tests.Stack;

/// <summary>Defect 2 of issue 11: in aws mode every Kafka client gets the SCRAM credentials from the secret, read at run time.</summary>
public sealed class KafkaSecretWiringTests
{
    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_fraudlab-workshop_0a1b2c3d-Xy12Ab";

    private static KafkaOptions AwsOptions() => new()
    {
        BootstrapServers = "b-1.example:9096",
        SecurityProtocol = "sasl_ssl",
        SaslMechanism = "SCRAM-SHA-512",
        SaslSecretArn = SecretArn,
    };

    [Fact]
    public void Clients_built_from_the_saved_stack_outputs_carry_the_secret_credentials()
    {
        var runner = new RecordingProcessRunner().Answer("aws secretsmanager get-secret-value", """{"username":"fraudlab","password":"generated-at-deploy"}""");
        var factory = new KafkaClientFactory(AwsOptions(), new KafkaSecretResolver(runner));

        var producer = factory.ProducerConfig("generator");
        var consumer = factory.ConsumerConfig("processor", "group");
        var admin = factory.AdminConfig();

        Assert.All(new Confluent.Kafka.ClientConfig[] { producer, consumer, admin }, config =>
        {
            Assert.Equal("fraudlab", config.SaslUsername);
            Assert.Equal("generated-at-deploy", config.SaslPassword);
        });
        Assert.Single(runner.CommandLines); // read once per options, not once per client
    }

    [Fact]
    public void The_secret_arn_of_the_saved_outputs_reaches_the_kafka_options()
    {
        using var folder = new TemporaryFolder();
        var paths = new KitPaths(folder.Path);
        Directory.CreateDirectory(paths.AwsStateDirectory);
        File.WriteAllText(paths.AwsOutputsFile, $$$"""{"Mode":"aws","Kafka":{"SecurityProtocol":"sasl_ssl","SaslMechanism":"SCRAM-SHA-512","SaslSecretArn":"{{{SecretArn}}}"}}""");

        Assert.Equal(SecretArn, KitConfiguration.Load(KitMode.Aws, paths: paths).Kafka.SaslSecretArn);
    }

    [Fact]
    public void A_password_already_configured_is_kept_and_no_secret_is_read()
    {
        var runner = new RecordingProcessRunner();
        var options = AwsOptions();
        options.SaslUsername = "operator";
        options.SaslPassword = "given";

        var config = new KafkaClientFactory(options, new KafkaSecretResolver(runner)).ProducerConfig("generator");

        Assert.Equal("given", config.SaslPassword);
        Assert.Empty(runner.CommandLines);
    }

    [Fact]
    public void An_unreadable_secret_is_one_line_naming_it()
    {
        var runner = new RecordingProcessRunner().Answer("aws secretsmanager get-secret-value", "", exitCode: 254, error: "An error occurred (AccessDeniedException) when calling the GetSecretValue operation: denied");

        var error = Assert.Throws<StackException>(() => new KafkaClientFactory(AwsOptions(), new KafkaSecretResolver(runner)).ProducerConfig("generator"));

        Assert.Contains(SecretArn, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fraudlab-secret-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
