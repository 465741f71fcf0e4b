namespace FraudDetection.Detection.DynamicRules;

/// <summary>Transaction fields a dynamic rule can group by, aggregate or filter on (JSON names in <see cref="RuleFields"/>).</summary>
public enum RuleField
{
    AccountId,
    CustomerName,
    MerchantType,
    TransactionType,
    TransactionAmount,
    Currency,
    City,
    Country,
    IpAddress,
    Device,
    CardBin,
    Email,
}
