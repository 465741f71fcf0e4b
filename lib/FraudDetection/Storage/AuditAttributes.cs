namespace FraudDetection.Storage;

/// <summary>Attribute names of an audit item. The keys follow the original workshop's table.</summary>
public static class AuditAttributes
{
    public const string AccountId = "Account_Id";
    public const string TransactionId = "Transaction_Id";
    public const string RecordId = "Record_Id";
    public const string Verdict = "Verdict";
    public const string Score = "Score";
    public const string Reasons = "Reasons";
    public const string TransactionAmount = "Transaction_Amount";
    public const string Currency = "Currency";
    public const string TransactionDate = "Transaction_Date";
    public const string FlagDate = "Flag_Date";
    public const string EventTime = "Event_Time";
    public const string ProcessedTime = "Processed_Time";
    public const string MerchantType = "Merchant_Type";
    public const string TransactionType = "Transaction_Type";
    public const string CustomerName = "Customer_Name";
}
