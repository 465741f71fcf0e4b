using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>How the card was used; JSON "Online" or "In Store" as in the original workshop.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransactionType>))]
public enum TransactionType
{
    [JsonStringEnumMemberName("Online")]
    Online,

    [JsonStringEnumMemberName("In Store")]
    InStore,
}
