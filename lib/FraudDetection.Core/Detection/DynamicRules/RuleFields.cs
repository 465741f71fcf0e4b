using FraudDetection.Model;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>JSON names of <see cref="RuleField"/> and how to read each from a transaction.</summary>
public static class RuleFields
{
    private static readonly string[] Names =
    [
        "Account_Id", "Customer_Name", "Merchant_Type", "Transaction_Type", "Transaction_Amount", "Currency", "City",
        "Country", "Ip_Address", "Device", "Card_Bin", "Email",
    ];

    public static string JsonName(this RuleField field) => Names[(int)field];

    public static string Expected => string.Join(", ", Names);

    public static bool TryParse(string? text, out RuleField field)
    {
        var index = Array.IndexOf(Names, text?.Trim());
        field = (RuleField)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>Fields compared and aggregated as numbers.</summary>
    public static bool IsNumeric(this RuleField field) => field is RuleField.TransactionAmount or RuleField.AccountId;

    public static decimal Number(this RuleField field, Transaction transaction) =>
        field == RuleField.AccountId ? transaction.AccountId : transaction.TransactionAmount;

    /// <summary>Text value (JSON spelling for enums); null when the optional field is absent.</summary>
    public static string? Text(this RuleField field, Transaction transaction) => field switch
    {
        RuleField.CustomerName => transaction.CustomerName,
        RuleField.MerchantType => transaction.MerchantType.JsonName(),
        RuleField.TransactionType => transaction.TransactionType == TransactionType.Online ? "Online" : "In Store",
        RuleField.Currency => transaction.Currency,
        RuleField.City => transaction.City,
        RuleField.Country => transaction.Country,
        RuleField.IpAddress => transaction.IpAddress,
        RuleField.Device => transaction.Device,
        RuleField.CardBin => transaction.CardBin,
        RuleField.Email => transaction.Email,
        _ => null,
    };
}
