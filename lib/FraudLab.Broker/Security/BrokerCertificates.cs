using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FraudLab.Broker;

/// <summary>The PEM files <see cref="BrokerCertificates.GenerateSelfSigned"/> wrote.</summary>
/// <param name="CaCertificateFile">The CA clients trust (librdkafka's ssl.ca.location, kafkajs' ssl.ca).</param>
/// <param name="CertificateFile">The broker's certificate (<see cref="BrokerOptions.TlsCertificateFile"/>).</param>
/// <param name="KeyFile">The broker's private key (<see cref="BrokerOptions.TlsKeyFile"/>), readable by its owner only.</param>
public sealed record GeneratedCertificates(string CaCertificateFile, string CertificateFile, string KeyFile);

/// <summary>Self-signed TLS material for a local broker: a throwaway CA and a server certificate it signs.</summary>
public static class BrokerCertificates
{
    public const string CaFileName = "ca.pem";
    public const string CertificateFileName = "broker.pem";
    public const string KeyFileName = "broker-key.pem";

    /// <summary>
    /// Writes <c>ca.pem</c>, <c>broker.pem</c> and <c>broker-key.pem</c> into <paramref name="folder"/> (created if
    /// missing, files replaced): an ECDSA P-256 CA valid for <paramref name="validity"/> (default 30 days) and a server
    /// certificate whose subject alternative names are localhost, 127.0.0.1, ::1 and <paramref name="extraHostNames"/>
    /// (DNS names or IP addresses). The CA's private key is not kept: nothing else can be signed with it.
    /// </summary>
    public static GeneratedCertificates GenerateSelfSigned(string folder, IEnumerable<string>? extraHostNames = null, TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = notBefore + (validity ?? TimeSpan.FromDays(30));

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=FraudLab local broker CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in new[] { "localhost", "127.0.0.1", "::1" }.Concat(extraHostNames ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address)) names.AddIpAddress(address);
            else names.AddDnsName(name);
        }
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(serverRequest.PublicKey, false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        Directory.CreateDirectory(folder);
        var files = new GeneratedCertificates(
            Path.GetFullPath(Path.Combine(folder, CaFileName)),
            Path.GetFullPath(Path.Combine(folder, CertificateFileName)),
            Path.GetFullPath(Path.Combine(folder, KeyFileName)));
        File.WriteAllText(files.CaCertificateFile, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(files.CertificateFile, server.ExportCertificatePem() + "\n");
        // The key file is made owner-only before the key is written into it.
        File.WriteAllText(files.KeyFile, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(files.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(files.KeyFile, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        return files;
    }
}
