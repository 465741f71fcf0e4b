namespace FraudDetection.Streaming;

/// <summary>A Kafka administration request the cluster refused; the message names the topics and the broker's reason.</summary>
public sealed class KafkaAdminException(string message, Exception inner) : Exception(message, inner);
