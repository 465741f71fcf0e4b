using Amazon.DynamoDBv2;
using FraudDetection.Configuration;
using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

public sealed class DynamoDbClientFactoryTests
{
    [Fact]
    public void Local_mode_uses_the_service_url()
    {
        using var client = DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = "http://127.0.0.1:18000" }, KitMode.Local);

        Assert.Equal("http://127.0.0.1:18000/", ((AmazonDynamoDBConfig)client.Config).ServiceURL);
    }

    [Fact]
    public void Local_mode_without_a_service_url_is_a_configuration_error()
    {
        var error = Assert.Throws<KitConfigurationException>(() => DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = " " }, KitMode.Local));

        Assert.Contains("DynamoDb:ServiceUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aws_mode_uses_the_region_endpoint_and_ignores_the_local_url()
    {
        using var client = DynamoDbClientFactory.Create(new DynamoDbOptions { Region = "eu-west-1" }, KitMode.Aws);

        Assert.Null(client.Config.ServiceURL);
        Assert.Equal("eu-west-1", client.Config.RegionEndpoint?.SystemName);
    }

    [Fact]
    public async Task A_local_client_talks_to_dynalite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dynalite = await DynaliteServer.StartAsync();
        using var client = DynamoDbClientFactory.Create(dynalite.Options, KitMode.Local);

        var tables = await client.ListTablesAsync(cancellationToken: ct);

        Assert.Empty(tables.TableNames ?? []);
    }
}
