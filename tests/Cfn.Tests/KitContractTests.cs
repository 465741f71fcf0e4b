using System.Text.Json.Nodes;
using Cfn.Tests.Support;
using FraudDetection.Configuration;
using FraudDetection.Model;
using FraudDetection.Storage;

namespace Cfn.Tests;

/// <summary>The template agrees with the kit's code: table shape, alert filter, processor configuration keys.</summary>
public sealed class KitContractTests
{
    private static JsonObject Properties(string resource) => StackTemplate.Kit.Resources[resource]!["Properties"]!.AsObject();

    [Fact]
    public void The_audit_table_has_the_keys_and_ttl_the_kit_writes()
    {
        var table = Properties("AuditTable");
        var defaults = new AuditTableOptions();

        Assert.Equal("""[{"AttributeName":"Account_Id","KeyType":"HASH"},{"AttributeName":"Transaction_Id","KeyType":"RANGE"}]""", table["KeySchema"]!.ToJsonString());
        Assert.Equal("""[{"AttributeName":"Account_Id","AttributeType":"N"},{"AttributeName":"Transaction_Id","AttributeType":"S"}]""", table["AttributeDefinitions"]!.ToJsonString());
        Assert.Equal(AuditAttributes.AccountId, table["KeySchema"]![0]!["AttributeName"]!.GetValue<string>());
        Assert.Equal(AuditAttributes.TransactionId, table["KeySchema"]![1]!["AttributeName"]!.GetValue<string>());
        Assert.Equal(defaults.TtlAttribute, table["TimeToLiveSpecification"]!["AttributeName"]!.GetValue<string>());
        Assert.True(table["TimeToLiveSpecification"]!["Enabled"]!.GetValue<bool>());
        Assert.Equal("PAY_PER_REQUEST", table["BillingMode"]!.GetValue<string>());
        Assert.True(table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
        Assert.Equal("NEW_IMAGE", table["StreamSpecification"]!["StreamViewType"]!.GetValue<string>());
    }

    [Fact]
    public void The_audit_table_name_derives_from_the_stack_name_so_two_stacks_in_a_region_do_not_collide()
    {
        Assert.False(StackTemplate.Kit.Parameters.ContainsKey("AuditTableName"));
        Assert.True(TemplateNodes.IsCall(Properties("AuditTable")["TableName"], "Fn::Sub", out var sub));
        Assert.Contains("${AWS::StackName}", TemplateNodes.AsString(sub));
        Assert.Contains(new AuditTableOptions().TableName, TemplateNodes.AsString(sub));
    }

    [Fact]
    public void The_cluster_follows_the_latest_revision_of_its_configuration()
    {
        var revision = Properties("KafkaCluster")["ConfigurationInfo"]!["Revision"];

        Assert.Equal("""{"Fn::GetAtt":["KafkaConfiguration","LatestRevision.Revision"]}""", revision!.ToJsonString());
    }

    [Fact]
    public void The_template_says_truthfully_how_the_processor_writes_audit_items()
    {
        var environment = Environment();
        var mode = environment["FRAUDLAB_Processor__AuditWrites"];
        var text = File.ReadAllText(KitRepository.PathOf(StackTemplate.RelativePath));

        Assert.Equal(new FraudDetection.Streaming.ProcessorOptions().AuditWrites, mode);
        Assert.Equal("batch", mode);
        Assert.Contains("BatchWriteItem (Processor:AuditWrites=batch", text);
        Assert.DoesNotContain("the conditional write inserts each", text);
        Assert.DoesNotContain("conditional write", File.ReadAllText(KitRepository.PathOf("cfn/README.md")).Replace("conditional writes (`Processor:AuditWrites=conditional`)", "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_notebooks_processor_and_the_ecs_service_use_different_consumer_groups()
    {
        var service = Environment()["FRAUDLAB_Processor__GroupId"];
        var outputs = FraudDetection.Stack.AwsModeConfiguration.WorkshopProcessorGroup;

        Assert.NotNull(service);
        Assert.NotEqual(outputs, service);
        Assert.NotEqual(new FraudDetection.Streaming.ProcessorOptions().GroupId, service);
        Assert.Contains("AWS::StackName", service);
    }

    [Fact]
    public void Every_processor_task_can_hold_a_partition()
    {
        var partitions = int.Parse(StackTemplate.Kit.Mappings["Topics"]!["Shape"]!["Partitions"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var count = StackTemplate.Kit.Parameters["ProcessorCount"]!;

        Assert.True(partitions >= 12, $"{partitions} partitions");
        Assert.Equal(partitions, (int)count["MaxValue"]!.GetValue<long>());
    }

    /// <summary>The processor container's environment, name to value (an intrinsic value as its JSON).</summary>
    private static Dictionary<string, string?> Environment() =>
        Properties("ProcessorTaskDefinition")["ContainerDefinitions"]![0]!["Environment"]!.AsArray()
            .ToDictionary(e => e!["Name"]!.GetValue<string>(), e => TemplateNodes.AsString(e!["Value"]) ?? e!["Value"]?.ToJsonString());

    [Fact]
    public void The_alert_pipe_forwards_new_block_verdicts_as_the_kit_names_them()
    {
        var pipe = Properties("AlertPipe");
        var pattern = JsonNode.Parse(pipe["SourceParameters"]!["FilterCriteria"]!["Filters"]![0]!["Pattern"]!.GetValue<string>())!;
        var block = FraudJson.SerializeToString(Verdict.Block).Trim('"');

        Assert.Equal("""["INSERT"]""", pattern["eventName"]!.ToJsonString());
        Assert.Equal($"""["{block}"]""", pattern["dynamodb"]!["NewImage"]![AuditAttributes.Verdict]!["S"]!.ToJsonString());
        var template = pipe["TargetParameters"]!["InputTemplate"]!.GetValue<string>();
        Assert.Contains($"$.dynamodb.NewImage.{AuditAttributes.TransactionId}.S", template);
        Assert.Contains($"$.dynamodb.NewImage.{AuditAttributes.AccountId}.N", template);
        Assert.Equal("""{"Ref":"AlertTopic"}""", pipe["Target"]!.ToJsonString());
    }

    [Fact]
    public void The_processor_task_sets_only_configuration_keys_the_kit_reads()
    {
        var container = Properties("ProcessorTaskDefinition")["ContainerDefinitions"]![0]!;
        var names = container["Environment"]!.AsArray().Select(e => e!["Name"]!.GetValue<string>())
            .Concat(container["Secrets"]!.AsArray().Select(s => s!["Name"]!.GetValue<string>()))
            .ToList();
        var known = new Dictionary<string, Type>
        {
            [KafkaOptions.Section] = typeof(KafkaOptions),
            [DynamoDbOptions.Section] = typeof(DynamoDbOptions),
            [AuditTableOptions.Section] = typeof(AuditTableOptions),
            [TopicsOptions.Section] = typeof(TopicsOptions),
            [FraudDetection.Streaming.ProcessorOptions.Section] = typeof(FraudDetection.Streaming.ProcessorOptions),
        };

        Assert.All(names, name =>
        {
            Assert.StartsWith(KitConfiguration.EnvironmentPrefix, name);
            var key = name[KitConfiguration.EnvironmentPrefix.Length..].Split("__");
            if (key is [KitConfiguration.ModeKey])
            {
                return;
            }

            Assert.True(key.Length == 2 && known.TryGetValue(key[0], out var type) && type.GetProperty(key[1]) is not null, $"{name} is not a configuration key the kit reads");
        });
        Assert.Contains("FRAUDLAB_Kafka__SaslPassword", names);
        Assert.Equal(["process"], container["Command"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
