using System.Buffers.Binary;
using FraudLab.Broker.Protocol;

namespace FraudLab.Broker.Tests.Server;

/// <summary>
/// Bad bytes on one connection: the broker answers with the proper error or closes that connection
/// cleanly, logs one line naming the problem, and every other client goes on working.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private KafkaBroker _broker = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, InMemory = true, MaxFrameBytes = 4096 }, _logs, Ct);

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task AnOversizedFrameClosesOnlyThatConnection()
    {
        using var bystander = await RawKafkaClient.ConnectAsync(_broker, Ct);
        using var client = await RawKafkaClient.ConnectAsync(_broker, Ct);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, 5000);
        await client.SendAsync(header, Ct);

        Assert.Null(await client.ReceiveAsync(Ct));
        Assert.Contains(_logs.Warnings, w => w.Contains("frame size 5000") && w.Contains("4096"));
        await AssertServesApiVersionsAsync(bystander);
    }

    [Fact]
    public async Task GarbageBytesCloseTheConnectionCleanly()
    {
        using var client = await RawKafkaClient.ConnectAsync(_broker, Ct);
        await client.SendAsync(Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 200)).ToArray(), Ct);
        Assert.Null(await client.ReceiveAsync(Ct));
        Assert.Single(_logs.Warnings, w => w.Contains("bad input"));
        await AssertServesApiVersionsAsync(await RawKafkaClient.ConnectAsync(_broker, Ct));
    }

    [Fact]
    public async Task AMalformedBodyNamesTheApiAndVersion()
    {
        using var client = await RawKafkaClient.ConnectAsync(_broker, Ct);
        // Metadata v1 claiming 1000 topics with no bytes after the count.
        var body = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(body, 1000);
        await client.SendAsync(RawKafkaClient.Frame((short)ApiKey.Metadata, 1, 7, body), Ct);

        Assert.Null(await client.ReceiveAsync(Ct));
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains("Metadata v1", warning);
        Assert.Contains("array count 1000", warning);
    }

    [Fact]
    public async Task AFrameTooShortForItsHeaderSaysSo()
    {
        using var client = await RawKafkaClient.ConnectAsync(_broker, Ct);
        // 10 bytes: api key, version, correlation id, then a client id length of 50 with no bytes behind it.
        await client.SendAsync([0, 0, 0, 10, 0, 3, 0, 1, 0, 0, 0, 9, 0, 50], Ct);
        Assert.Null(await client.ReceiveAsync(Ct));
        var warning = Assert.Single(_logs.Warnings);
        Assert.True(warning.Contains("malformed request header"), warning);
    }

    [Fact]
    public async Task ATruncatedFrameFromAClosingClientHarmsNobody()
    {
        using (var client = await RawKafkaClient.ConnectAsync(_broker, Ct))
        {
            var frame = RawKafkaClient.Frame((short)ApiKey.ApiVersions, 0, 1, []);
            await client.SendAsync(frame[..^3], Ct);
        }
        using var next = await RawKafkaClient.ConnectAsync(_broker, Ct);
        await AssertServesApiVersionsAsync(next);
    }

    [Theory]
    [InlineData((short)999, (short)0)]
    [InlineData((short)ApiKey.Metadata, (short)50)]
    [InlineData((short)ApiKey.Produce, (short)9)]
    public async Task AnUnsupportedApiOrVersionGetsUnsupportedVersionAndTheConnectionStaysOpen(short apiKey, short version)
    {
        using var client = await RawKafkaClient.ConnectAsync(_broker, Ct);
        await client.SendAsync(RawKafkaClient.Frame(apiKey, version, 4242, []), Ct);

        var response = await client.ReceiveAsync(Ct);
        Assert.NotNull(response);
        Assert.Equal(4242, response.Value.CorrelationId);
        Assert.Equal(ErrorCode.UnsupportedVersion, BinaryPrimitives.ReadInt16BigEndian(response.Value.Body));
        Assert.Contains(_logs.Warnings, w => w.Contains($"API {apiKey} v{version}"));
        await AssertServesApiVersionsAsync(client);
    }

    private static async Task AssertServesApiVersionsAsync(RawKafkaClient client)
    {
        await client.SendAsync(RawKafkaClient.Frame((short)ApiKey.ApiVersions, 0, 99, []), Ct);
        var response = await client.ReceiveAsync(Ct);
        Assert.NotNull(response);
        Assert.Equal(99, response.Value.CorrelationId);
        Assert.Equal(ErrorCode.None, BinaryPrimitives.ReadInt16BigEndian(response.Value.Body));
    }
}
