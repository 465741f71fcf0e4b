using System.Buffers.Text;

namespace FraudDetection.Streaming;

/// <summary>
/// The message key of every account-scoped topic: the Account_Id in decimal UTF-8 ("12345"). Transactions, flags and
/// outputs share it, and with equal partition counts and one partitioner (murmur2, as Java clients) an account's
/// transactions and flags land in the same partition number: the join is co-partitioned.
/// </summary>
public static class AccountKey
{
    public static byte[] Encode(long accountId)
    {
        Span<byte> buffer = stackalloc byte[20];
        Utf8Formatter.TryFormat(accountId, buffer, out var written);
        return buffer[..written].ToArray();
    }
}
