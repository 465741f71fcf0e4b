using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>The outcome every transaction gets (as in Amazon Fraud Detector). JSON "approve", "review", "block".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("approve")]
    Approve,

    [JsonStringEnumMemberName("review")]
    Review,

    [JsonStringEnumMemberName("block")]
    Block,
}
