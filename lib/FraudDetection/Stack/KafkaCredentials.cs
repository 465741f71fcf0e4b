namespace FraudDetection.Stack;

/// <summary>SASL/SCRAM credentials read from Secrets Manager. <see cref="ToString"/> never shows the password.</summary>
public sealed record KafkaCredentials(string Username, string Password)
{
    /// <summary>Configuration overrides for <see cref="Configuration.KitConfiguration.Load"/>.</summary>
    public IReadOnlyDictionary<string, string?> ToOverrides() => new Dictionary<string, string?>
    {
        ["Kafka:SaslUsername"] = Username,
        ["Kafka:SaslPassword"] = Password,
    };

    public override string ToString() => $"KafkaCredentials {{ Username = {Username}, Password = *** }}";
}
