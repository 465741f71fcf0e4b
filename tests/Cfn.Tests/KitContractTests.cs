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
        Assert.Equal(defaults.TableName, StackTemplate.Kit.Parameters["AuditTableName"]!["Default"]!.GetValue<string>());
        Assert.Equal("PAY_PER_REQUEST", table["BillingMode"]!.GetValue<string>());
        Assert.True(table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
        Assert.Equal("NEW_IMAGE", table["StreamSpecification"]!["StreamViewType"]!.GetValue<string>());
    }

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
