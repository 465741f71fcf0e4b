using FraudLab.Broker.Log;

namespace FraudLab.Broker.Server;

/// <summary>What request handlers share: the topics, the options, and how clients reach this node.</summary>
internal sealed class BrokerContext(BrokerOptions options, TopicRegistry topics)
{
    /// <summary>The single node's id; it leads every partition and coordinates every group.</summary>
    public const int NodeId = 0;

    /// <summary>Fixed, 22 characters like Kafka's base64 cluster ids.</summary>
    public const string ClusterId = "FraudLabLocalBroker000";

    public BrokerOptions Options { get; } = options;

    public TopicRegistry Topics { get; } = topics;

    /// <summary>Host put in Metadata and FindCoordinator answers.</summary>
    public string AdvertisedHost => Options.AdvertisedHost ?? (Options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : Options.Host);

    /// <summary>The bound port (known once the listener is up; differs from Options.Port when that is 0).</summary>
    public int Port { get; set; }
}
