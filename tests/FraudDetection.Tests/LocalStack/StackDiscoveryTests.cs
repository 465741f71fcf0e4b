using FraudDetection.Configuration;
using FraudDetection.LocalStack;

namespace FraudDetection.Tests.LocalStack;

public sealed class StackDiscoveryTests
{
    [Fact]
    public void Written_then_read_gives_the_same_document()
    {
        var root = Directory.CreateTempSubdirectory("fraudlab-kit-").FullName;
        var path = new KitPaths(root).LocalDiscoveryFile;
        var discovery = Sample(kafkaPort: 19093, dynamoPort: 18001);

        discovery.Write(path);
        var read = StackDiscovery.Read(path);

        Assert.NotNull(read);
        Assert.Equal(discovery.Kafka, read.Kafka);
        Assert.Equal(discovery.DynamoDb, read.DynamoDb);
        Assert.Equal(discovery.LocalStack.KafkaProcess.Pid, read.LocalStack.KafkaProcess.Pid);
        Assert.Equal(discovery.LocalStack.KafkaProcess.Markers, read.LocalStack.KafkaProcess.Markers);
        Assert.Equal(discovery.LocalStack.DynamoDbProcess.LogFile, read.LocalStack.DynamoDbProcess.LogFile);
        Assert.Equal(discovery.LocalStack.StartedAt, read.LocalStack.StartedAt);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void The_file_is_a_configuration_source_that_points_the_kit_at_the_stack()
    {
        var root = Directory.CreateTempSubdirectory("fraudlab-kit-").FullName;
        var paths = new KitPaths(root);
        Sample(kafkaPort: 19093, dynamoPort: 18001).Write(paths.LocalDiscoveryFile);

        var configuration = KitConfiguration.Load(KitMode.Local, paths: paths);

        Assert.Equal("127.0.0.1:19093", configuration.Kafka.BootstrapServers);
        Assert.Equal("http://127.0.0.1:18001", configuration.DynamoDb.ServiceUrl);
        Assert.Equal(19093, configuration.LocalStack.KafkaPort);
        Assert.Equal(18001, configuration.LocalStack.DynamoDbPort);
    }

    [Fact]
    public void A_missing_file_reads_as_null()
    {
        Assert.Null(StackDiscovery.Read(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json")));
    }

    [Fact]
    public void A_corrupt_file_is_a_one_line_error_naming_it()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fraudlab-kit-").FullName, "stack.json");
        File.WriteAllText(path, "{ \"Kafka\": ");

        var error = Assert.Throws<LocalStackException>(() => StackDiscovery.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_recorded_process_is_running_only_while_its_pid_still_carries_the_markers()
    {
        var self = new StackDiscovery.StartedProcess(Environment.ProcessId, [], "self.log", null);
        var stranger = self with { Markers = [$"not-this-{Guid.NewGuid():N}"] };
        var gone = self with { Pid = int.MaxValue };

        Assert.True(self.IsRunning);
        Assert.False(stranger.IsRunning);
        Assert.False(gone.IsRunning);
    }

    internal static StackDiscovery Sample(int kafkaPort, int dynamoPort, int kafkaPid = int.MaxValue, int dynamoPid = int.MaxValue - 1) => new(
        new StackDiscovery.KafkaSection($"127.0.0.1:{kafkaPort}"),
        new StackDiscovery.DynamoDbSection($"http://127.0.0.1:{dynamoPort}"),
        new StackDiscovery.LocalStackSection(
            "127.0.0.1",
            kafkaPort,
            dynamoPort,
            KafkaInMemory: true,
            DynamoDbPath: null,
            new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero),
            new StackDiscovery.StartedProcess(kafkaPid, ["fraudlab.dll", "kafka"], "/tmp/kafka.log", null),
            new StackDiscovery.StartedProcess(dynamoPid, ["dynalite/cli.js"], "/tmp/dynamodb.log", null)));
}
