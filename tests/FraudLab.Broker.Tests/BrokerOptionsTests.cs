namespace FraudLab.Broker.Tests;

public sealed class BrokerOptionsTests
{
    [Fact]
    public void TheDefaultsWithADirectoryAreUsable() =>
        Assert.Empty(new BrokerOptions { DataDirectory = ".fraudlab/local/kafka" }.Problems());

    [Fact]
    public async Task StartRefusesUnusableOptionsNamingEachProblem()
    {
        var options = new BrokerOptions { Host = "localhost", Port = 70000, DefaultPartitions = 0 };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => KafkaBroker.StartAsync(options, ct: TestContext.Current.CancellationToken));
        Assert.Contains("Host 'localhost' is not an IP address", error.Message);
        Assert.Contains("Port 70000", error.Message);
        Assert.Contains("DataDirectory is required", error.Message);
        Assert.Contains("DefaultPartitions 0", error.Message);
    }
}
