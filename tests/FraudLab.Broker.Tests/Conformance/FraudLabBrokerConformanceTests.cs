namespace FraudLab.Broker.Tests.Conformance;

/// <summary>The conformance suite against the kit's own broker, in process.</summary>
public sealed class FraudLabBrokerConformanceTests(BrokerFixture broker) : KafkaConformanceSuite, IClassFixture<BrokerFixture>
{
    protected override string BootstrapServers => broker.BootstrapServers;
}
