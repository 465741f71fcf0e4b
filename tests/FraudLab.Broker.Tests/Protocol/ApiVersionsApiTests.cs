using System.Buffers.Binary;
using FraudLab.Broker.Protocol;
using FraudLab.Broker.Tests.Server;

namespace FraudLab.Broker.Tests.Protocol;

public sealed class ApiVersionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswersV3WithTheSixByteV0ErrorSoLibrdkafkaRetriesWithV0()
    {
        await using var broker = await KafkaBroker.StartAsync(new BrokerOptions { Port = 0, InMemory = true }, ct: Ct);
        using var client = await RawKafkaClient.ConnectAsync(broker, Ct);
        // v3 uses a flexible header and body; the broker must not try to parse either.
        await client.SendAsync(RawKafkaClient.Frame((short)ApiKey.ApiVersions, 3, 1, [0, 4, 0x6c, 0x69, 0x62, 0, 0]), Ct);
        var rejected = await client.ReceiveAsync(Ct);
        Assert.Equal(1, rejected!.Value.CorrelationId);
        Assert.Equal([0, 35, 0, 0, 0, 0], rejected.Value.Body);

        await client.SendAsync(RawKafkaClient.Frame((short)ApiKey.ApiVersions, 2, 2, []), Ct);
        var accepted = (await client.ReceiveAsync(Ct))!.Value.Body;
        Assert.Equal(ErrorCode.None, BinaryPrimitives.ReadInt16BigEndian(accepted));
        var apis = Enumerable.Range(0, BinaryPrimitives.ReadInt32BigEndian(accepted.AsSpan(2)))
            .Select(i => 6 + i * 6)
            .ToDictionary(at => (ApiKey)Int16(accepted, at), at => (Int16(accepted, at + 2), Int16(accepted, at + 4)));
        Assert.Equal((0, 8), apis[ApiKey.Produce]);
        Assert.Equal((0, 11), apis[ApiKey.Fetch]);
        Assert.Equal((0, 2), apis[ApiKey.ApiVersions]);
        Assert.Equal((0, 5), apis[ApiKey.JoinGroup]);
        Assert.Equal((0, 1), apis[ApiKey.InitProducerId]);
        Assert.Equal((0, 2), apis[ApiKey.AddPartitionsToTxn]);
        Assert.Equal((0, 2), apis[ApiKey.AddOffsetsToTxn]);
        Assert.Equal((0, 2), apis[ApiKey.EndTxn]);
        Assert.Equal((0, 2), apis[ApiKey.TxnOffsetCommit]);
        Assert.Equal(22, apis.Count);
        Assert.Equal(2 + 4 + 22 * 6 + 4, accepted.Length); // v1+ ends with the throttle time
    }

    private static short Int16(byte[] bytes, int at) => BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(at));
}
