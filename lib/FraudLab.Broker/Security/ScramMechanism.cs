using System.Security.Cryptography;

namespace FraudLab.Broker.Security;

/// <summary>A SCRAM hash (RFC 5802 / RFC 7677): its SASL name and the HMAC, hash and PBKDF2 it uses.</summary>
internal sealed class ScramMechanism
{
    public static readonly ScramMechanism Sha512 = new("SCRAM-SHA-512", HashAlgorithmName.SHA512);
    public static readonly ScramMechanism Sha256 = new("SCRAM-SHA-256", HashAlgorithmName.SHA256);

    /// <summary>The mechanisms SaslHandshake offers, preferred first.</summary>
    public static readonly IReadOnlyList<ScramMechanism> All = [Sha512, Sha256];

    /// <summary>Kafka's minimum (and MSK's) iteration count.</summary>
    public const int Iterations = 4096;

    private ScramMechanism(string name, HashAlgorithmName hash)
    {
        Name = name;
        Hash = hash;
    }

    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    public static ScramMechanism? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    public byte[] Hmac(byte[] key, byte[] data) =>
        Hash == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(key, data) : HMACSHA256.HashData(key, data);

    public byte[] Digest(byte[] data) => Hash == HashAlgorithmName.SHA512 ? SHA512.HashData(data) : SHA256.HashData(data);

    public byte[] SaltedPassword(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.UTF8.GetBytes(password), salt, iterations, Hash, Hash == HashAlgorithmName.SHA512 ? 64 : 32);

    /// <summary>What the server stores per user: never the password, only StoredKey and ServerKey with the salt.</summary>
    public ScramCredential Credential(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(24);
        var salted = SaltedPassword(password, salt, Iterations);
        var clientKey = Hmac(salted, "Client Key"u8.ToArray());
        return new ScramCredential(salt, Iterations, Digest(clientKey), Hmac(salted, "Server Key"u8.ToArray()));
    }
}

/// <summary>A user's salted SCRAM credential for one mechanism.</summary>
internal sealed record ScramCredential(byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey);
