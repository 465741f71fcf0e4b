using System.Text;
using FraudDetection.Streaming;

namespace FraudDetection.Tests.Streaming;

public sealed class AccountKeyTests
{
    [Theory]
    [InlineData(1L, "1")]
    [InlineData(1234567L, "1234567")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Is_the_decimal_account_id_in_utf8(long account, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(AccountKey.Encode(account)));
    }
}
