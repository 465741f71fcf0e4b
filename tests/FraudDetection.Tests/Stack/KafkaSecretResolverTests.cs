using FraudDetection.Configuration;
using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class KafkaSecretResolverTests
{
    private const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_fraudlab-workshop_0a1b2c3d-Xy12Ab";

    [Fact]
    public async Task Reads_the_scram_credentials_through_the_aws_cli()
    {
        var runner = new RecordingProcessRunner().Answer("aws secretsmanager get-secret-value", """{"username":"fraudlab","password":"generated-at-deploy"}""" + "\n");

        var credentials = await new KafkaSecretResolver(runner).ResolveAsync(SecretArn, TestContext.Current.CancellationToken);

        Assert.Equal(new KafkaCredentials("fraudlab", "generated-at-deploy"), credentials);
        Assert.Equal([$"aws secretsmanager get-secret-value --region eu-west-1 --secret-id {SecretArn} --query SecretString --output text"], runner.CommandLines);
        Assert.DoesNotContain("generated-at-deploy", credentials.ToString());
    }

    [Fact]
    public async Task Fills_in_the_password_when_the_configuration_names_a_secret()
    {
        var runner = new RecordingProcessRunner().Answer("aws secretsmanager get-secret-value", """{"username":"fraudlab","password":"generated-at-deploy"}""");
        var configuration = KitConfiguration.Load(KitMode.Aws, new Dictionary<string, string?> { [AwsModeConfiguration.SaslSecretArnKey] = SecretArn });

        var overrides = await new KafkaSecretResolver(runner).OverridesAsync(configuration, TestContext.Current.CancellationToken);
        var resolved = KitConfiguration.Load(KitMode.Aws, overrides);

        Assert.Equal("fraudlab", resolved.Kafka.SaslUsername);
        Assert.Equal("generated-at-deploy", resolved.Kafka.SaslPassword);
    }

    [Fact]
    public async Task Without_a_secret_arn_nothing_is_fetched()
    {
        var runner = new RecordingProcessRunner();

        var overrides = await new KafkaSecretResolver(runner).OverridesAsync(KitConfiguration.Load(KitMode.Local), TestContext.Current.CancellationToken);

        Assert.Empty(overrides);
        Assert.Empty(runner.Requests);
    }

    [Theory]
    [InlineData("""{"username":"fraudlab"}""", "has no 'password'")]
    [InlineData("plain text", "is not JSON")]
    public async Task A_malformed_secret_is_one_clear_error(string secret, string expected)
    {
        var runner = new RecordingProcessRunner().Answer("aws secretsmanager get-secret-value", secret);

        var error = await Assert.ThrowsAsync<StackException>(() => new KafkaSecretResolver(runner).ResolveAsync(SecretArn, TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_denied_read_says_which_permission_is_needed()
    {
        var runner = new RecordingProcessRunner().Answer("aws secretsmanager get-secret-value", "", exitCode: 254,
            error: "An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User is not authorized");

        var error = await Assert.ThrowsAsync<StackException>(() => new KafkaSecretResolver(runner).ResolveAsync(SecretArn, TestContext.Current.CancellationToken));

        Assert.Contains("secretsmanager:GetSecretValue", error.Message);
        Assert.Contains("AccessDeniedException", error.Message);
    }

    [Fact]
    public async Task Something_that_is_not_a_secret_arn_is_rejected_before_any_call()
    {
        var runner = new RecordingProcessRunner();

        await Assert.ThrowsAsync<StackException>(() => new KafkaSecretResolver(runner).ResolveAsync("AmazonMSK_fraudlab", TestContext.Current.CancellationToken));
        Assert.Empty(runner.Requests);
    }
}
