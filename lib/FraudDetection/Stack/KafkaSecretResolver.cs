using System.Text.Json;
using FraudDetection.Configuration;

namespace FraudDetection.Stack;

/// <summary>
/// Fetches the MSK SCRAM credentials at run time with <c>aws secretsmanager get-secret-value</c>, so the
/// password is never written to a file. In aws mode:
/// <code>
/// var config = KitConfiguration.Load(KitMode.Aws);
/// var credentials = await new KafkaSecretResolver(new SystemProcessRunner()).OverridesAsync(config, ct);
/// config = KitConfiguration.Load(KitMode.Aws, credentials);
/// </code>
/// (The ECS processor needs none of this: ECS injects the same secret as environment variables.)
/// </summary>
public sealed class KafkaSecretResolver(IProcessRunner runner)
{
    public async Task<KafkaCredentials> ResolveAsync(string secretArn, CancellationToken cancellationToken)
    {
        var json = await new AwsCliRunner(runner).RunAsync(
            AwsCli.SecretValue(RegionOf(secretArn), secretArn),
            cancellationToken,
            $"cannot read the Kafka secret {secretArn}: use credentials allowed secretsmanager:GetSecretValue on it (the workshop host's role is)");
        try
        {
            using var secret = JsonDocument.Parse(json);
            return new KafkaCredentials(Field(secret, "username", secretArn), Field(secret, "password", secretArn));
        }
        catch (JsonException)
        {
            throw new StackException($"the Kafka secret {secretArn} is not JSON with username and password");
        }
    }

    /// <summary>Username and password overrides when the configuration names a secret and holds no password; otherwise none.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> OverridesAsync(KitConfiguration configuration, CancellationToken cancellationToken)
    {
        var secretArn = configuration.Configuration[AwsModeConfiguration.SaslSecretArnKey];
        if (string.IsNullOrWhiteSpace(secretArn) || !string.IsNullOrEmpty(configuration.Kafka.SaslPassword))
        {
            return new Dictionary<string, string?>();
        }

        return (await ResolveAsync(secretArn, cancellationToken)).ToOverrides();
    }

    /// <summary>arn:partition:secretsmanager:REGION:account:secret:name — the secret lives in its ARN's region.</summary>
    private static string RegionOf(string secretArn)
    {
        var fields = secretArn.Split(':');
        return fields.Length > 6 && fields[0] == "arn" && fields[2] == "secretsmanager" && fields[3].Length > 0
            ? fields[3]
            : throw new StackException($"'{secretArn}' is not a Secrets Manager secret ARN ({AwsModeConfiguration.SaslSecretArnKey})");
    }

    private static string Field(JsonDocument secret, string name, string secretArn) =>
        secret.RootElement.ValueKind == JsonValueKind.Object && secret.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new StackException($"the Kafka secret {secretArn} has no '{name}'");
}
