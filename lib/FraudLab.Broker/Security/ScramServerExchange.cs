using System.Security.Cryptography;
using System.Text;

namespace FraudLab.Broker.Security;

/// <summary>
/// The server side of one SCRAM exchange (RFC 5802, no channel binding): client-first -> server-first,
/// client-final -> server-final. A bad message or a wrong proof ends it with <see cref="ScramFailedException"/>.
/// </summary>
internal sealed class ScramServerExchange(ScramMechanism mechanism, Func<string, ScramCredential?> lookup)
{
    private string? _clientFirstBare;
    private string? _serverFirst;
    private string? _nonce;
    private string? _clientNonce;
    private string? _gs2Header;
    private ScramCredential? _credential;

    public ScramMechanism Mechanism => mechanism;

    /// <summary>The user named in client-first (once it arrived).</summary>
    public string? User { get; private set; }

    public bool Complete { get; private set; }

    /// <summary>Takes the client's next message and returns the server's answer.</summary>
    public byte[] Respond(ReadOnlySpan<byte> message)
    {
        string text;
        try { text = new UTF8Encoding(false, true).GetString(message); }
        catch (DecoderFallbackException) { throw new ScramFailedException("the SCRAM message is not UTF-8"); }
        if (Complete) throw new ScramFailedException("the SCRAM exchange is already complete");
        return Encoding.UTF8.GetBytes(_serverFirst is null ? ClientFirst(text) : ClientFinal(text));
    }

    private string ClientFirst(string text)
    {
        // gs2-header: "n,," or "n,a=authzid," (y/p: channel binding, which Kafka does not offer either).
        var parts = text.Split(',');
        if (parts.Length < 4 || parts[0] != "n")
            throw new ScramFailedException("client-first message is not 'n,[a=authzid],n=user,r=nonce' (channel binding is not supported)");
        _gs2Header = parts[0] + "," + parts[1] + ",";
        _clientFirstBare = text[_gs2Header.Length..];
        var attributes = Attributes(_clientFirstBare);
        if (!attributes.TryGetValue('n', out var saslName) || !attributes.TryGetValue('r', out var clientNonce) || clientNonce.Length == 0)
            throw new ScramFailedException("client-first message lacks n= or r=");
        User = saslName.Replace("=2C", ",").Replace("=3D", "=");
        _credential = lookup(User) ?? throw new ScramFailedException($"unknown user '{User}'", invalidCredentials: true);
        // Letters and digits only (as Kafka's own server nonce): older librdkafka (2.0) mangles '+' and '/' in it.
        _clientNonce = clientNonce;
        _nonce = clientNonce + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(_credential.Salt)},i={_credential.Iterations}";
        return _serverFirst;
    }

    private string ClientFinal(string text)
    {
        var proofAt = text.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0) throw new ScramFailedException("client-final message lacks p=");
        var withoutProof = text[..proofAt];
        var attributes = Attributes(text);
        if (!attributes.TryGetValue('c', out var binding) || !attributes.TryGetValue('r', out var nonce))
            throw new ScramFailedException("client-final message lacks c= or r=");
        // librdkafka before 2.6.1 (Debian's kcat 2.0.2) prepends its client nonce a second time (librdkafka#4895);
        // Kafka 3.x brokers, MSK among them, accept that, so this one does too: that exact form, nothing looser.
        if (nonce != _nonce && nonce != _clientNonce + _nonce) throw new ScramFailedException("client-final nonce does not match the server's");
        if (binding != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header!)))
            throw new ScramFailedException("client-final channel binding does not repeat the gs2 header");
        byte[] proof;
        try { proof = Convert.FromBase64String(attributes['p']); }
        catch (FormatException) { throw new ScramFailedException("client proof is not base64"); }

        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var signature = mechanism.Hmac(_credential!.StoredKey, authMessage);
        if (proof.Length != signature.Length) throw new ScramFailedException("client proof has the wrong length", invalidCredentials: true);
        var clientKey = new byte[proof.Length];
        for (var i = 0; i < proof.Length; i++) clientKey[i] = (byte)(proof[i] ^ signature[i]);
        if (!CryptographicOperations.FixedTimeEquals(mechanism.Digest(clientKey), _credential.StoredKey))
            throw new ScramFailedException("invalid credentials", invalidCredentials: true);
        Complete = true;
        return "v=" + Convert.ToBase64String(mechanism.Hmac(_credential.ServerKey, authMessage));
    }

    private static Dictionary<char, string> Attributes(string message)
    {
        var attributes = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
            if (part.Length >= 2 && part[1] == '=') attributes.TryAdd(part[0], part[2..]);
        return attributes;
    }
}

/// <summary>A SCRAM exchange that cannot succeed; the message is safe to log and to send (never a secret).</summary>
internal sealed class ScramFailedException(string message, bool invalidCredentials = false) : Exception(message)
{
    public bool InvalidCredentials { get; } = invalidCredentials;
}
