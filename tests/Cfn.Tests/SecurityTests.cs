using System.Text.Json.Nodes;
using Cfn.Tests.Support;

namespace Cfn.Tests;

/// <summary>Secure by default, one rule per test; each rule is also shown to catch a deliberate violation.</summary>
public sealed class SecurityTests
{
    private static StackTemplate Template => StackTemplate.Kit;

    private static JsonNode? Property(string resource, string path) =>
        path.Split('.').Aggregate(Template.Resources[resource]?["Properties"], (node, key) => node?[key]);

    [Fact]
    public void No_security_group_accepts_traffic_from_the_internet()
    {
        Assert.Empty(SecurityRules.OpenIngress(Template));
    }

    [Fact]
    public void Open_ingress_would_be_caught()
    {
        var template = Template.Clone();
        template.Resources["HostSecurityGroup"]!["Properties"]!["SecurityGroupIngress"] =
            new JsonArray(new JsonObject { ["IpProtocol"] = "tcp", ["FromPort"] = 22, ["ToPort"] = 22, ["CidrIpv6"] = "::/0" });
        template.Resources["Ssh"] = new JsonObject
        {
            ["Type"] = "AWS::EC2::SecurityGroupIngress",
            ["Properties"] = new JsonObject { ["IpProtocol"] = "tcp", ["CidrIp"] = "0.0.0.0/0" },
        };

        Assert.Equal(["HostSecurityGroup.SecurityGroupIngress[0]", "Ssh"], SecurityRules.OpenIngress(template));
    }

    [Fact]
    public void No_iam_statement_allows_every_action()
    {
        Assert.Empty(SecurityRules.StatementsAllowingEverything(Template));
    }

    [Fact]
    public void No_service_wide_action_outside_the_commented_allow_list()
    {
        Assert.Empty(SecurityRules.ServiceWideActions(Template));
    }

    [Fact]
    public void Resource_star_only_where_the_service_requires_it()
    {
        Assert.Empty(SecurityRules.WildcardResources(Template));
    }

    [Fact]
    public void Broad_iam_statements_would_be_caught()
    {
        var template = Template.Clone();
        var statements = template.Resources["ProcessorTaskRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();
        statements.Add(new JsonObject { ["Effect"] = "Allow", ["Action"] = "*", ["Resource"] = "arn:aws:s3:::x" });
        statements.Add(new JsonObject { ["Effect"] = "Allow", ["Action"] = "dynamodb:*", ["Resource"] = "*" });
        statements.Add(new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("ecr:GetAuthorizationToken", "ecr:PutImage"), ["Resource"] = "*" });

        Assert.Single(SecurityRules.StatementsAllowingEverything(template));
        Assert.Single(SecurityRules.ServiceWideActions(template));
        Assert.Equal(2, SecurityRules.WildcardResources(template).Count());
    }

    [Fact]
    public void Kafka_is_encrypted_at_rest_with_the_kit_key()
    {
        Assert.Equal("""{"Fn::GetAtt":["KitKey","Arn"]}""", Property("KafkaCluster", "EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId")?.ToJsonString());
    }

    [Fact]
    public void Kafka_client_traffic_is_tls_only_and_authenticated()
    {
        Assert.Equal("TLS", Property("KafkaCluster", "EncryptionInfo.EncryptionInTransit.ClientBroker")?.GetValue<string>());
        Assert.True(Property("KafkaCluster", "EncryptionInfo.EncryptionInTransit.InCluster")?.GetValue<bool>());
        Assert.True(Property("KafkaCluster", "ClientAuthentication.Sasl.Scram.Enabled")?.GetValue<bool>());
        Assert.False(Property("KafkaCluster", "ClientAuthentication.Unauthenticated.Enabled")?.GetValue<bool>());

        // Only the SASL/SCRAM-over-TLS port is reachable; 9092 (plaintext) and 9094 (TLS without SASL) are not.
        var ports = Template.ResourcesOfType("AWS::EC2::SecurityGroupIngress")
            .Where(r => r.Resource["Properties"]?["GroupId"]?["Ref"]?.GetValue<string>() == "KafkaSecurityGroup")
            .Select(r => (r.Resource["Properties"]!["FromPort"]!.GetValue<long>(), r.Resource["Properties"]!["ToPort"]!.GetValue<long>()))
            .Distinct();
        Assert.Equal([(9096L, 9096L)], ports);
        Assert.Null(Property("KafkaSecurityGroup", "SecurityGroupIngress"));
    }

    [Fact]
    public void The_kafka_secret_is_generated_and_encrypted_with_the_kit_key()
    {
        Assert.Equal("""{"Ref":"KitKey"}""", Property("KafkaSecret", "KmsKeyId")?.ToJsonString());
        Assert.NotNull(Property("KafkaSecret", "GenerateSecretString.GenerateStringKey"));
        Assert.Null(Property("KafkaSecret", "SecretString"));
    }

    [Fact]
    public void The_audit_table_is_encrypted_with_the_kit_key()
    {
        Assert.True(Property("AuditTable", "SSESpecification.SSEEnabled")?.GetValue<bool>());
        Assert.Equal("KMS", Property("AuditTable", "SSESpecification.SSEType")?.GetValue<string>());
        Assert.Equal("""{"Ref":"KitKey"}""", Property("AuditTable", "SSESpecification.KMSMasterKeyId")?.ToJsonString());
    }

    [Fact]
    public void The_alert_topic_is_encrypted()
    {
        Assert.Equal("""{"Ref":"KitKey"}""", Property("AlertTopic", "KmsMasterKeyId")?.ToJsonString());
    }

    [Fact]
    public void Every_log_group_is_encrypted_and_expires()
    {
        var groups = Template.ResourcesOfType("AWS::Logs::LogGroup").ToList();

        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Equal("""{"Fn::GetAtt":["KitKey","Arn"]}""", g.Resource["Properties"]?["KmsKeyId"]?.ToJsonString()));
        Assert.All(groups, g => Assert.NotNull(g.Resource["Properties"]?["RetentionInDays"]));
    }

    [Fact]
    public void Images_and_disks_are_encrypted()
    {
        Assert.Equal("KMS", Property("ProcessorRepository", "EncryptionConfiguration.EncryptionType")?.GetValue<string>());
        var disks = Property("HostLaunchTemplate", "LaunchTemplateData.BlockDeviceMappings")!.AsArray();
        Assert.All(disks, d => Assert.True(d!["Ebs"]!["Encrypted"]!.GetValue<bool>()));
    }

    [Fact]
    public void Every_instance_requires_imdsv2()
    {
        var instances = Template.ResourcesOfType("AWS::EC2::Instance").ToList();

        Assert.NotEmpty(instances);
        Assert.All(instances, instance =>
        {
            var launchTemplate = instance.Resource["Properties"]?["LaunchTemplate"]?["LaunchTemplateId"]?["Ref"]?.GetValue<string>();
            Assert.NotNull(launchTemplate);
            var metadata = Template.Resources[launchTemplate]!["Properties"]!["LaunchTemplateData"]!["MetadataOptions"];
            Assert.Equal("required", metadata?["HttpTokens"]?.GetValue<string>());
            Assert.NotEqual("disabled", metadata?["HttpEndpoint"]?.GetValue<string>());
        });
    }

    [Fact]
    public void No_key_pair_anywhere()
    {
        Assert.DoesNotContain(Template.Parameters, p => p.Value?["Type"]?.GetValue<string>() == "AWS::EC2::KeyPair::KeyName");
        Assert.DoesNotContain(TemplateNodes.Descendants(Template.Root, "$"), n => n.Node is JsonObject o && o.ContainsKey("KeyName"));
    }

    [Fact]
    public void The_workshop_host_has_no_public_address_and_no_ingress()
    {
        Assert.Equal("""{"Ref":"PrivateSubnetA"}""", Property("WorkshopHost", "SubnetId")?.ToJsonString());
        Assert.Null(Property("HostSecurityGroup", "SecurityGroupIngress"));
        Assert.DoesNotContain(Template.ResourcesOfType("AWS::EC2::SecurityGroupIngress"),
            r => r.Resource["Properties"]?["GroupId"]?["Ref"]?.GetValue<string>() == "HostSecurityGroup");
        Assert.All(Template.ResourcesOfType("AWS::EC2::Subnet"), s => Assert.NotEqual(true, s.Resource["Properties"]?["MapPublicIpOnLaunch"]?.GetValue<bool>()));
    }

    [Fact]
    public void Kafdrop_listens_on_localhost_only()
    {
        var userData = Property("WorkshopHost", "UserData")!.ToJsonString();

        Assert.Contains("--server.address=127.0.0.1", userData);
        Assert.Contains("AWS-StartPortForwardingSession", Template.Outputs["KafdropTunnelCommand"]!.ToJsonString());
    }
}
