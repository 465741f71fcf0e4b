using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>
/// One card transaction. The first seven fields and their JSON names are those of the original AWS workshop;
/// the optional ones feed the richer rules (impossible travel, IP lists) and latency measurement.
/// Decode untrusted bytes with <see cref="TransactionDecoder"/>, which validates and names the bad field.
/// </summary>
public record Transaction
{
    /// <summary>Length of <see cref="TransactionId"/> in hexadecimal characters.</summary>
    public const int IdLength = 16;

    [JsonPropertyName("Account_Id")]
    public required long AccountId { get; init; }

    [JsonPropertyName("Customer_Name")]
    public required string CustomerName { get; init; }

    [JsonPropertyName("Merchant_Type")]
    public required MerchantType MerchantType { get; init; }

    /// <summary>16 hexadecimal characters, unique per transaction.</summary>
    [JsonPropertyName("Transaction_Id")]
    public required string TransactionId { get; init; }

    [JsonPropertyName("Transaction_Type")]
    public required TransactionType TransactionType { get; init; }

    /// <summary>Non-negative, at most two decimal places.</summary>
    [JsonPropertyName("Transaction_Amount")]
    public required decimal TransactionAmount { get; init; }

    /// <summary>Event time: when the transaction happened (ISO-8601).</summary>
    [JsonPropertyName("Transaction_Date")]
    public required DateTimeOffset TransactionDate { get; init; }

    /// <summary>ISO-4217 code, e.g. "USD".</summary>
    [JsonPropertyName("Currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("Latitude")]
    public double? Latitude { get; init; }

    [JsonPropertyName("Longitude")]
    public double? Longitude { get; init; }

    [JsonPropertyName("City")]
    public string? City { get; init; }

    /// <summary>ISO-3166 alpha-2 code, e.g. "US".</summary>
    [JsonPropertyName("Country")]
    public string? Country { get; init; }

    [JsonPropertyName("Ip_Address")]
    public string? IpAddress { get; init; }

    /// <summary>Device or user agent.</summary>
    [JsonPropertyName("Device")]
    public string? Device { get; init; }

    /// <summary>First six to eight digits of the card number.</summary>
    [JsonPropertyName("Card_Bin")]
    public string? CardBin { get; init; }

    [JsonPropertyName("Email")]
    public string? Email { get; init; }

    /// <summary>When the generator created the record (wall clock), for end-to-end latency; not used by the rules.</summary>
    [JsonPropertyName("Created_At")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Both coordinates present and in range.</summary>
    [JsonIgnore]
    public bool HasLocation => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;
}
