namespace FraudLab.Broker.Tests.Conformance;

/// <summary>The same suite against Apache Kafka, proving the suite itself describes real Kafka; skipped without Docker.</summary>
public sealed class ApacheKafkaConformanceTests(ApacheKafkaFixture kafka) : KafkaConformanceSuite, IClassFixture<ApacheKafkaFixture>
{
    protected override string BootstrapServers
    {
        get
        {
            if (kafka.BootstrapServers is null) Assert.Skip(kafka.UnavailableReason ?? "Apache Kafka is not running");
            return kafka.BootstrapServers;
        }
    }
}
