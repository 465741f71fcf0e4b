namespace FraudLab.Broker.Tests.Security;

/// <summary>
/// An in-memory broker on a free loopback port serving SASL_SSL: a freshly generated CA and server certificate,
/// and two SCRAM users. Keeps the broker's log lines for the tests to read.
/// </summary>
public sealed class SecureBrokerFixture : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "alice-secret-1";
    public const string OtherUser = "bob";
    public const string OtherPassword = "bob-secret-2";

    private readonly TempDirectory _folder = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public GeneratedCertificates Certificates { get; private set; } = null!;

    public KafkaBroker Broker { get; private set; } = null!;

    public string BootstrapServers => Broker.BootstrapServers;

    public async ValueTask InitializeAsync()
    {
        Certificates = BrokerCertificates.GenerateSelfSigned(_folder.Path);
        Broker = await KafkaBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            InMemory = true,
            TlsCertificateFile = Certificates.CertificateFile,
            TlsKeyFile = Certificates.KeyFile,
            ScramUsers = [new ScramUser(User, Password), new ScramUser(OtherUser, OtherPassword)],
        }, Logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Waits (bounded) for a log line the broker writes on another thread.</summary>
    public async Task<IReadOnlyList<string>> WarningsAsync(Func<string, bool> match, CancellationToken ct)
    {
        for (var i = 0; i < 100 && !Logs.Warnings.Any(match); i++) await Task.Delay(100, ct);
        return Logs.Warnings.Where(match).ToList();
    }
}
