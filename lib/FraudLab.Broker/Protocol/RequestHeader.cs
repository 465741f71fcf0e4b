namespace FraudLab.Broker.Protocol;

/// <summary>Request header v1 (api key, version, correlation id, client id); flexible headers are not parsed.</summary>
internal readonly record struct RequestHeader(ApiKey ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    /// <summary>Size of the fixed part every header version shares.</summary>
    public const int FixedLength = 8;

    public static RequestHeader Read(ref KafkaReader reader)
    {
        var apiKey = (ApiKey)reader.ReadInt16();
        var version = reader.ReadInt16();
        var correlationId = reader.ReadInt32();
        var clientId = reader.ReadNullableString();
        return new RequestHeader(apiKey, version, correlationId, clientId);
    }
}
