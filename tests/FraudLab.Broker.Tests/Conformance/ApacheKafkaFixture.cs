using Testcontainers.Kafka;

namespace FraudLab.Broker.Tests.Conformance;

/// <summary>Apache Kafka in a container via Testcontainers, when a Docker engine answers; otherwise says why not.</summary>
public sealed class ApacheKafkaFixture : IAsyncLifetime
{
    private KafkaContainer? _container;

    public string? BootstrapServers { get; private set; }

    public string? UnavailableReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = new KafkaBuilder("apache/kafka:3.9.1").Build();
            await _container.StartAsync(TestContext.Current.CancellationToken);
            BootstrapServers = _container.GetBootstrapAddress();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            UnavailableReason = $"Apache Kafka via Testcontainers needs a Docker engine: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}
