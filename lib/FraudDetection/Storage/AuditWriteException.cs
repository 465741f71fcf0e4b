namespace FraudDetection.Storage;

/// <summary>DynamoDB kept refusing some audit items; the caller's retry policy decides what happens next.</summary>
public sealed class AuditWriteException(string message) : Exception(message);
