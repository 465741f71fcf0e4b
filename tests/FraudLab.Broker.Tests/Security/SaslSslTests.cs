using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Confluent.Kafka;
using FraudLab.Broker.Tests.Server;

namespace FraudLab.Broker.Tests.Security;

/// <summary>The broker's SASL_SSL listener against librdkafka (Confluent.Kafka) and raw TLS connections.</summary>
public sealed class SaslSslTests(SecureBrokerFixture broker) : IClassFixture<SecureBrokerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ClientConfig Config(string user = SecureBrokerFixture.User, string password = SecureBrokerFixture.Password, SaslMechanism mechanism = SaslMechanism.ScramSha512) => new()
    {
        BootstrapServers = broker.BootstrapServers,
        SecurityProtocol = SecurityProtocol.SaslSsl,
        SaslMechanism = mechanism,
        SaslUsername = user,
        SaslPassword = password,
        SslCaLocation = broker.Certificates.CaCertificateFile, // hostname verification (https) is librdkafka's default
    };

    [Fact]
    public async Task AProducerAndAConsumerGroupWorkOverSaslSslWithScramSha512()
    {
        var topic = $"secure-{Guid.NewGuid():N}";
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig(Config()) { EnableIdempotence = true }).Build())
        {
            for (var i = 0; i < 20; i++) await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }, Ct);
        }

        var consumerConfig = new ConsumerConfig(Config()) { GroupId = $"g-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest };
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60); // a hang guard, not a speed check
        while (values.Count < 20 && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } result) values.Add(result.Message.Value);
        consumer.Commit();
        consumer.Close();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"v{i}"), values);
        Assert.Contains(broker.Logs.Lines, l => l.Message.Contains($"authenticated as '{SecureBrokerFixture.User}' with SCRAM-SHA-512"));
    }

    [Fact]
    public async Task ScramSha256AuthenticatesToo()
    {
        var topic = $"secure256-{Guid.NewGuid():N}";
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig(Config(SecureBrokerFixture.OtherUser, SecureBrokerFixture.OtherPassword, SaslMechanism.ScramSha256))).Build();
        var delivered = await producer.ProduceAsync(topic, new Message<Null, string> { Value = "over sha-256" }, Ct);
        Assert.Equal(0, delivered.Offset.Value);
    }

    [Fact]
    public async Task AWrongPasswordFailsWithTheAuthenticationErrorAndOneLogLinePerAttempt()
    {
        Error? failure = null;
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig(Config(SecureBrokerFixture.OtherUser, "not-the-password")))
                   .SetErrorHandler((_, e) => failure ??= e).Build())
        {
            _ = producer.ProduceAsync("never-written", new Message<Null, string> { Value = "x" }, Ct);
            for (var i = 0; i < 300 && failure is null; i++) await Task.Delay(100, Ct);
        }

        Assert.NotNull(failure);
        Assert.Equal(ErrorCode.Local_Authentication, failure.Code);
        Assert.Contains("invalid credentials with SASL mechanism SCRAM-SHA-512", failure.Reason);
        var lines = await broker.WarningsAsync(w => w.Contains($"user '{SecureBrokerFixture.OtherUser}'"), Ct);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains($"refused on this SASL_SSL listener: SCRAM-SHA-512 authentication failed for user '{SecureBrokerFixture.OtherUser}': invalid credentials", l));
        Assert.DoesNotContain(broker.Logs.Lines, l => l.Message.Contains("not-the-password") || l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task APlaintextClientIsRefusedCleanly()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers, SocketTimeoutMs = 5000 })
            .SetLogHandler((_, _) => { }).Build();
        Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(3)));
        var lines = await broker.WarningsAsync(w => w.Contains("failed the TLS handshake on this SASL_SSL listener"), Ct);
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(broker.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task BeforeAuthenticationOnlyApiVersionsIsServedAndAnyOtherRequestClosesTheConnection()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(broker.Broker.Endpoint, Ct);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(broker.Certificates.CaCertificateFile);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { ca }, RevocationMode = X509RevocationMode.NoCheck },
        }, Ct);

        await tls.WriteAsync(RawKafkaClient.Frame(18, 0, 1, []), Ct);
        var apiVersions = await ReceiveAsync(tls);
        Assert.NotNull(apiVersions);
        var keys = AdvertisedKeys(apiVersions);
        Assert.Contains((short)17, keys); // SaslHandshake
        Assert.Contains((short)36, keys); // SaslAuthenticate

        var allTopics = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(allTopics, -1);
        await tls.WriteAsync(RawKafkaClient.Frame(3, 1, 2, allTopics), Ct);
        Assert.Null(await ReceiveAsync(tls));
        var lines = await broker.WarningsAsync(w => w.Contains("Metadata v1 request (correlation id 2) before SASL authentication"), Ct);
        Assert.Single(lines);
    }

    private static async Task<byte[]?> ReceiveAsync(Stream stream)
    {
        var size = new byte[4];
        try
        {
            await stream.ReadExactlyAsync(size, Ct);
            var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
            await stream.ReadExactlyAsync(frame, Ct);
            return frame[4..];
        }
        catch (Exception e) when (e is EndOfStreamException or IOException) { return null; }
    }

    private static List<short> AdvertisedKeys(byte[] body)
    {
        Assert.Equal(0, BinaryPrimitives.ReadInt16BigEndian(body));
        var count = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(2));
        return Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadInt16BigEndian(body.AsSpan(6 + i * 6))).ToList();
    }
}
