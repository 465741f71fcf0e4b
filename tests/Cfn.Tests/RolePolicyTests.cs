using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Cfn.Tests.Support;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudDetection.Rehearsal;
using FraudDetection.Stack;
using FraudDetection.Storage;
using FraudDetection.Streaming;

namespace Cfn.Tests;

/// <summary>
/// Issue 11, defect 1 and the policy test: the processor's and the workshop host's IAM policies, read from the template,
/// enforced by moto's server, allow what the kit calls at start and at work, and refuse what they should not
/// (e.g. dynamodb:DeleteTable). moto checks actions only, so statements are given with Resource "*".
/// </summary>
public sealed class RolePolicyTests
{
    private const string Table = "policy-test-fraud_audit_table";

    [Fact]
    public async Task The_processor_role_prepares_the_table_with_no_access_note_and_writes_audit_items()
    {
        await using var moto = await StartAsync();
        var (admin, processor, _, _) = await UsersAsync(moto);
        using var adminClient = Client(moto, admin);
        await CreateTableAsStackDoesAsync(adminClient);
        using var client = Client(moto, processor);
        var options = new AuditTableOptions { TableName = Table };

        var status = await new AuditTableAdmin(client, options).EnsureTableAsync(TestContext.Current.CancellationToken);
        await new AuditTableWriter(client, options).WriteBatchAsync([Item(1)], TestContext.Current.CancellationToken);
        var conditional = await new AuditTableWriter(client, options).PutIfAbsentAsync(Item(2), TestContext.Current.CancellationToken);

        Assert.Null(status.Note); // before the fix: DescribeTimeToLive was denied
        Assert.True(status.TtlEnabled);
        Assert.True(conditional);
        Assert.Equal(2, (await adminClient.ScanAsync(new ScanRequest { TableName = Table }, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task The_processor_role_may_not_delete_the_table()
    {
        await using var moto = await StartAsync();
        var (admin, processor, _, _) = await UsersAsync(moto);
        using var adminClient = Client(moto, admin);
        await CreateTableAsStackDoesAsync(adminClient);
        using var client = Client(moto, processor);

        var denied = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.DeleteTableAsync(Table, TestContext.Current.CancellationToken));

        Assert.Contains("AccessDenied", denied.ErrorCode, StringComparison.Ordinal);
        Assert.NotNull(await adminClient.DescribeTableAsync(Table, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_host_role_runs_the_notebooks_processor_and_reads_the_table()
    {
        await using var moto = await StartAsync();
        var (admin, _, host, _) = await UsersAsync(moto);
        using var adminClient = Client(moto, admin);
        await CreateTableAsStackDoesAsync(adminClient);
        using var client = Client(moto, host);
        var options = new AuditTableOptions { TableName = Table };

        var status = await new AuditTableAdmin(client, options).EnsureTableAsync(TestContext.Current.CancellationToken);
        await new AuditTableWriter(client, options).WriteBatchAsync([Item(1)], TestContext.Current.CancellationToken);
        var count = await new AuditTableAdmin(client, options).CountItemsAsync(TestContext.Current.CancellationToken);

        Assert.Null(status.Note);
        Assert.Equal(1, count);
        await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.DeleteTableAsync(Table, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Credentials_without_table_rights_fail_in_one_line_naming_action_and_table()
    {
        await using var moto = await StartAsync();
        var (admin, _, _, nobody) = await UsersAsync(moto);
        using var adminClient = Client(moto, admin);
        await CreateTableAsStackDoesAsync(adminClient);
        using var client = Client(moto, nobody);

        var error = await Assert.ThrowsAsync<AuditTableAccessException>(
            () => new AuditTableAdmin(client, new AuditTableOptions { TableName = Table }).EnsureTableAsync(TestContext.Current.CancellationToken));

        Assert.Contains("dynamodb:DescribeTable", error.Message);
        Assert.Contains(Table, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task The_host_role_reads_the_kafka_secret_through_the_aws_cli_at_run_time_and_the_task_role_may_not()
    {
        if (ExecutableSearch.FindOnPath(AwsCli.Program) is null)
        {
            Assert.Skip("the AWS CLI (aws) is not on PATH: pip install awscli, or apt-get install awscli");
        }

        await using var moto = await StartAsync();
        var (admin, processor, host, _) = await UsersAsync(moto);
        var created = await new MotoCli(moto, admin).RunAsync(
            new ProcessRequest(AwsCli.Program, ["secretsmanager", "create-secret", "--name", "AmazonMSK_policy-test_1", "--secret-string", """{"username":"fraudlab","password":"scram-secret"}""", "--query", "ARN", "--output", "text"], new Dictionary<string, string>()),
            TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, created.StandardError);
        var secretArn = created.StandardOutput.Trim();
        KafkaOptions Options() => new() { SecurityProtocol = "sasl_ssl", SaslMechanism = "SCRAM-SHA-512", SaslSecretArn = secretArn };

        var config = new KafkaClientFactory(Options(), new KafkaSecretResolver(new MotoCli(moto, host))).ProducerConfig("generator");
        var denied = Assert.Throws<StackException>(() => new KafkaClientFactory(Options(), new KafkaSecretResolver(new MotoCli(moto, processor))).ProducerConfig("generator"));

        Assert.Equal("fraudlab", config.SaslUsername);
        Assert.Equal("scram-secret", config.SaslPassword);
        Assert.Contains(secretArn, denied.Message);
        Assert.DoesNotContain('\n', denied.Message);
    }

    /// <summary>The real AWS CLI, pointed at moto with one user's access key (as a role's credentials would be on AWS).</summary>
    private sealed class MotoCli(MotoServer moto, RoleCredentials credentials) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
        {
            var environment = new Dictionary<string, string>(request.Environment)
            {
                ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString().TrimEnd('/'),
                ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
                ["AWS_DEFAULT_REGION"] = "us-east-1",
                ["AWS_CONFIG_FILE"] = "/dev/null",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            };
            return new SystemProcessRunner().RunAsync(request with { Environment = environment }, cancellationToken);
        }
    }

    private static async Task<MotoServer> StartAsync()
    {
        if (MotoServer.Find() is null)
        {
            Assert.Skip(MotoServer.MissingHint);
        }

        return await MotoServer.StartAsync(noAuthRequests: 4 * MotoIam.RequestsPerUser, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static async Task<(RoleCredentials Admin, RoleCredentials Processor, RoleCredentials Host, RoleCredentials Nobody)> UsersAsync(MotoServer moto)
    {
        using var http = new HttpClient();
        var iam = new MotoIam(http, moto.Endpoint);
        var ct = TestContext.Current.CancellationToken;
        var admin = await iam.CreateUserAsync("stack-deployer", Policy(new JsonObject { ["Effect"] = "Allow", ["Action"] = "*", ["Resource"] = "*" }), ct);
        var processor = await iam.CreateUserAsync("processor-task", RolePolicy("ProcessorTaskRole"), ct);
        var host = await iam.CreateUserAsync("workshop-host", RolePolicy("HostRole"), ct);
        var nobody = await iam.CreateUserAsync("nobody", Policy(new JsonObject { ["Effect"] = "Allow", ["Action"] = "sns:ListTopics", ["Resource"] = "*" }), ct);
        return (admin, processor, host, nobody);
    }

    /// <summary>The role's inline statements as written in the template, with Resource "*" (moto evaluates actions only).</summary>
    private static JsonObject RolePolicy(string role)
    {
        var statements = TemplateNodes.IamStatements(StackTemplate.Kit)
            .Where(s => s.ResourceName == role && s.Path.Contains(".Policies", StringComparison.Ordinal))
            .Select(s => new JsonObject { ["Effect"] = s.Statement["Effect"]!.DeepClone(), ["Action"] = s.Statement["Action"]!.DeepClone(), ["Resource"] = "*" })
            .ToArray();
        Assert.NotEmpty(statements);
        return Policy(statements);
    }

    private static JsonObject Policy(params JsonObject[] statements) =>
        new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };

    private static AmazonDynamoDBClient Client(MotoServer moto, RoleCredentials credentials) =>
        new(new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>What CloudFormation does for AuditTable: the table with the kit's keys, then TTL on.</summary>
    private static async Task CreateTableAsStackDoesAsync(IAmazonDynamoDB admin)
    {
        var ct = TestContext.Current.CancellationToken;
        await admin.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new(AuditAttributes.AccountId, ScalarAttributeType.N), new(AuditAttributes.TransactionId, ScalarAttributeType.S)],
            KeySchema = [new(AuditAttributes.AccountId, KeyType.HASH), new(AuditAttributes.TransactionId, KeyType.RANGE)],
        }, ct);
        await admin.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = Table,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = new AuditTableOptions().TtlAttribute, Enabled = true },
        }, ct);
    }

    private static Dictionary<string, AttributeValue> Item(int n) => new()
    {
        [AuditAttributes.AccountId] = new AttributeValue { N = n.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        [AuditAttributes.TransactionId] = new AttributeValue { S = $"tx-{n}" },
        [AuditAttributes.Verdict] = new AttributeValue { S = "block" },
    };
}
