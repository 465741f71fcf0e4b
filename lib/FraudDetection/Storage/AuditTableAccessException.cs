namespace FraudDetection.Storage;

/// <summary>The audit table cannot be prepared with these credentials; the message is one line naming the action and the table.</summary>
public sealed class AuditTableAccessException(string message, Exception inner) : InvalidOperationException(message, inner);
