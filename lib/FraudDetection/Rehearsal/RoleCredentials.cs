namespace FraudDetection.Rehearsal;

/// <summary>The access key of the rehearsal's stand-in for one IAM role. <see cref="ToString"/> hides the secret.</summary>
public sealed record RoleCredentials(string Role, string AccessKeyId, string SecretAccessKey)
{
    public override string ToString() => $"RoleCredentials {{ Role = {Role}, AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}
