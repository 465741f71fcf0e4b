using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace FraudLab.Broker.Tests.Security;

public sealed class BrokerCertificatesTests
{
    [Fact]
    public void TheServerCertificateChainsToTheGeneratedCaAndNamesLoopback()
    {
        using var folder = new TempDirectory();
        var files = BrokerCertificates.GenerateSelfSigned(Path.Combine(folder.Path, "tls"), ["broker.internal"]);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(files.CaCertificateFile);
        using var server = X509Certificate2.CreateFromPemFile(files.CertificateFile, files.KeyFile);

        Assert.True(server.HasPrivateKey);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));

        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("broker.internal"));
        Assert.False(server.MatchesHostname("example.com"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.KeyFile));
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses();
        Assert.Contains(IPAddress.Loopback, names);
    }
}
