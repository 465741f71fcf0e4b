using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FraudLab.Broker.Security;

/// <summary>
/// What a listener demands of its clients, loaded once at start: the TLS certificate (null: plaintext) and the
/// SCRAM credentials per mechanism (empty: no SASL). Passwords are not kept, only salted SCRAM credentials.
/// </summary>
internal sealed class ListenerSecurity
{
    private readonly Dictionary<(string Mechanism, string User), ScramCredential> _credentials = [];

    public static readonly ListenerSecurity None = new(null, [], "PLAINTEXT");

    private ListenerSecurity(SslStreamCertificateContext? certificate, IEnumerable<ScramUser> users, string protocol)
    {
        Certificate = certificate;
        Protocol = protocol;
        foreach (var user in users)
            foreach (var mechanism in ScramMechanism.All)
                _credentials[(mechanism.Name, user.Name)] = mechanism.Credential(user.Password);
        RequiresSasl = _credentials.Count > 0;
    }

    public SslStreamCertificateContext? Certificate { get; }

    public bool RequiresSasl { get; }

    /// <summary>PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (for log lines).</summary>
    public string Protocol { get; }

    public ScramCredential? Find(ScramMechanism mechanism, string user) => _credentials.GetValueOrDefault((mechanism.Name, user));

    /// <summary>Loads the certificate and derives the credentials; throws <see cref="ArgumentException"/> naming the file that is unusable.</summary>
    public static ListenerSecurity Load(BrokerOptions options)
    {
        if (options.TlsCertificateFile is null && options.ScramUsers.Count == 0) return None;
        return new ListenerSecurity(options.TlsCertificateFile is null ? null : LoadCertificate(options), options.ScramUsers, options.SecurityProtocol);
    }

    private static SslStreamCertificateContext LoadCertificate(BrokerOptions options)
    {
        var path = options.TlsCertificateFile!;
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, options.TlsCertificatePassword)
                : X509Certificate2.CreateFromPemFile(path, options.TlsKeyFile);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            throw new ArgumentException($"TLS certificate '{path}'{(options.TlsKeyFile is null ? "" : $" with key '{options.TlsKeyFile}'")} cannot be loaded: {e.Message}", nameof(options));
        }
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"TLS certificate '{path}' has no private key (set TlsKeyFile / --tls-key)", nameof(options));
        return SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
    }
}
