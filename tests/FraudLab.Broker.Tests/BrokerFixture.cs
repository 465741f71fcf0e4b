namespace FraudLab.Broker.Tests;

/// <summary>Starts an in-process broker on a free loopback port for a test class; in memory unless a directory is given.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public KafkaBroker Broker { get; private set; } = null!;

    public string BootstrapServers => Broker.BootstrapServers;

    public async ValueTask InitializeAsync() =>
        Broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, InMemory = true, DefaultPartitions = 1 });

    public async ValueTask DisposeAsync() => await Broker.DisposeAsync();
}
