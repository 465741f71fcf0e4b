using System.Text.Json.Serialization;

namespace FraudDetection.Generation;

/// <summary>What a generated transaction belongs to: the clean baseline or one injected fraud scenario per rule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FraudScenario>))]
public enum FraudScenario
{
    [JsonStringEnumMemberName("clean")]
    Clean,

    [JsonStringEnumMemberName("flagged-account")]
    FlaggedAccount,

    [JsonStringEnumMemberName("high-value-burst")]
    HighValueBurst,

    [JsonStringEnumMemberName("over-threshold")]
    OverThreshold,

    [JsonStringEnumMemberName("impossible-travel")]
    ImpossibleTravel,

    [JsonStringEnumMemberName("spend-velocity")]
    SpendVelocity,

    [JsonStringEnumMemberName("denied-ip")]
    DeniedIp,

    [JsonStringEnumMemberName("card-testing")]
    CardTesting,
}
