namespace FraudDetection.Generation;

/// <summary>A generated transaction with its ground truth.</summary>
public sealed record LabelledTransaction(Model.Transaction Transaction, TransactionLabel Label);
