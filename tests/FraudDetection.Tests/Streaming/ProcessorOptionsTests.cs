using FraudDetection.Configuration;
using Microsoft.Extensions.Configuration;
using FraudDetection.Streaming;

namespace FraudDetection.Tests.Streaming;

public sealed class ProcessorOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_name_the_workshop_group()
    {
        var options = new ProcessorOptions();

        KitConfiguration.Validate(options, ProcessorOptions.Section);

        Assert.Equal("fraud-processor", options.GroupId);
        Assert.True(options.FromBeginning);
        Assert.False(options.UsesConditionalWrites);
    }

    [Theory]
    [InlineData("GroupId", "no spaces allowed")]
    [InlineData("AuditWrites", "sometimes")]
    [InlineData("MaxBatchSize", "0")]
    public void Invalid_values_are_named_in_the_error(string key, string value)
    {
        var configuration = KitConfiguration.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Processor:{key}"] = value }).Build(),
            new KitPaths(Path.GetTempPath()));

        var error = Assert.Throws<KitConfigurationException>(() => configuration.Get<ProcessorOptions>(ProcessorOptions.Section));

        Assert.Contains($"Processor:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_instance_id_defaults_to_host_and_process()
    {
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", new ProcessorOptions().ResolvedInstanceId);
        Assert.Equal("a", new ProcessorOptions { InstanceId = "a" }.ResolvedInstanceId);
    }
}
