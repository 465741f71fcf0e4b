namespace FraudDetection.Streaming;

/// <summary>Kafka did not acknowledge some records; they have been sent again and the caller should wait again.</summary>
public sealed class KafkaDeliveryException(string message) : Exception(message);
