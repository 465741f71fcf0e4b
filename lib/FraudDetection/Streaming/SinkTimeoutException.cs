namespace FraudDetection.Streaming;

/// <summary>A sink did not answer within <see cref="ProcessorOptions.SinkTimeout"/>: treated as a failure (logged, counted, retried with backoff).</summary>
public sealed class SinkTimeoutException(string message) : Exception(message);
