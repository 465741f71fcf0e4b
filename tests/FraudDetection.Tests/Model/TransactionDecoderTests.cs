using System.Text;
using CsCheck;
using FraudDetection.Model;

namespace FraudDetection.Tests.Model;

public sealed class TransactionDecoderTests
{
    /// <summary>A valid record in the original workshop's shape, with one field replaced or removed.</summary>
    internal static string Json(string? replace = null, string? with = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Account_Id"] = "1000000007",
            ["Customer_Name"] = "\"Ada Lovelace\"",
            ["Merchant_Type"] = "\"Food and Beverage\"",
            ["Transaction_Id"] = "\"0123456789abcdef\"",
            ["Transaction_Type"] = "\"In Store\"",
            ["Transaction_Amount"] = "42.50",
            ["Transaction_Date"] = "\"2026-01-05T12:00:00+01:00\"",
        };
        if (replace is not null)
        {
            if (with is null)
            {
                fields.Remove(replace);
            }
            else
            {
                fields[replace] = with;
            }
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    [Fact]
    public void Decodes_the_workshop_record()
    {
        var result = TransactionDecoder.Decode(Json());

        Assert.True(result.IsSuccess, result.Error);
        var t = result.Value;
        Assert.Equal(1000000007, t.AccountId);
        Assert.Equal("Ada Lovelace", t.CustomerName);
        Assert.Equal(MerchantType.FoodAndBeverage, t.MerchantType);
        Assert.Equal("0123456789abcdef", t.TransactionId);
        Assert.Equal(TransactionType.InStore, t.TransactionType);
        Assert.Equal(42.50m, t.TransactionAmount);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.FromHours(1)), t.TransactionDate);
        Assert.Null(t.Latitude);
    }

    [Fact]
    public void Decodes_the_optional_fields_and_ignores_unknown_ones()
    {
        var json = Json().TrimEnd('}') + ",\"Currency\":\"EUR\",\"Latitude\":48.85,\"Longitude\":2.35,\"City\":\"Paris\",\"Country\":\"FR\","
            + "\"Ip_Address\":\"2001:db8::1\",\"Device\":\"Mozilla/5.0\",\"Card_Bin\":\"412345\",\"Email\":\"ada@example.org\","
            + "\"Created_At\":\"2026-01-05T11:00:01Z\",\"Loyalty\":{\"Tier\":[1,2]},\"Note\":null}";

        var t = TransactionDecoder.Decode(json).Value!;

        Assert.Equal(("EUR", 48.85, 2.35, "Paris", "FR"), (t.Currency, t.Latitude, t.Longitude, t.City, t.Country));
        Assert.Equal(("2001:db8::1", "Mozilla/5.0", "412345", "ada@example.org"), (t.IpAddress, t.Device, t.CardBin, t.Email));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 11, 0, 1, TimeSpan.Zero), t.CreatedAt);
    }

    [Theory]
    [InlineData("2026-01-05T12:00:00Z", 12, 0)]
    [InlineData("2026-01-05T12:00:00.1234567+01:00", 11, 0)]
    [InlineData("2026-01-05T07:00:00-05:00", 12, 0)]
    [InlineData("2026-01-05T12:30:00", 12, 30)]
    public void Reads_iso_dates_with_any_offset(string text, int utcHour, int utcMinute)
    {
        var t = TransactionDecoder.Decode(Json("Transaction_Date", $"\"{text}\"")).Value!;

        Assert.Equal((utcHour, utcMinute), (t.TransactionDate.UtcDateTime.Hour, t.TransactionDate.UtcDateTime.Minute));
    }

    [Fact]
    public void A_date_without_offset_is_utc()
    {
        var t = TransactionDecoder.Decode(Json("Transaction_Date", "\"2026-01-05T12:00:00\"")).Value!;

        Assert.Equal(TimeSpan.Zero, t.TransactionDate.Offset);
        Assert.Equal(12, t.TransactionDate.Hour);
    }

    [Theory]
    [InlineData("Account_Id", null, "Account_Id: required field is missing")]
    [InlineData("Account_Id", "\"1000000007\"", "Account_Id: expected a whole number, got \"1000000007\"")]
    [InlineData("Account_Id", "1.5", "Account_Id: must be a positive whole number, got 1.5")]
    [InlineData("Account_Id", "-3", "Account_Id: must be a positive whole number, got -3")]
    [InlineData("Customer_Name", "\"  \"", "Customer_Name: must not be empty")]
    [InlineData("Merchant_Type", "\"Casino\"", "Merchant_Type: must be one of Grocery_Store, Gas_Station, Shopping_Mall, City_Services, HealthCare_Service, Food and Beverage, Others, got \"Casino\"")]
    [InlineData("Transaction_Id", "\"12345\"", "Transaction_Id: must be 16 hexadecimal characters, got \"12345\"")]
    [InlineData("Transaction_Id", "\"0123456789abcdeg\"", "Transaction_Id: must be 16 hexadecimal characters")]
    [InlineData("Transaction_Type", "\"online\"", "Transaction_Type: must be \"Online\" or \"In Store\", got \"online\"")]
    [InlineData("Transaction_Amount", "\"42.50\"", "Transaction_Amount: expected a number, got \"42.50\"")]
    [InlineData("Transaction_Amount", "42.505", "Transaction_Amount: must be a non-negative amount with at most 2 decimal places, got 42.505")]
    [InlineData("Transaction_Amount", "-1", "Transaction_Amount: must be a non-negative amount")]
    [InlineData("Transaction_Date", "\"yesterday\"", "Transaction_Date: must be an ISO-8601 date-time, got \"yesterday\"")]
    [InlineData("Transaction_Date", "1767614400", "Transaction_Date: expected an ISO-8601 date-time string, got 1767614400")]
    [InlineData("Latitude", "91", "Latitude: must be between -90 and 90, got 91")]
    [InlineData("Ip_Address", "\"300.1.1.1\"", "Ip_Address: must be an IPv4 or IPv6 address, got \"300.1.1.1\"")]
    [InlineData("Currency", "\"usd\"", "Currency: must be an ISO-4217 code of 3 capital letters, got \"usd\"")]
    [InlineData("Card_Bin", "\"41234\"", "Card_Bin: must be 6 to 8 digits")]
    [InlineData("Email", "\"@example.org\"", "Email: must be an e-mail address")]
    [InlineData("Customer_Name", "{\"First\":\"Ada\"}", "Customer_Name: expected a string, got an object")]
    public void Names_the_field_and_the_problem(string field, string? value, string expected)
    {
        var json = value is null ? Json(field, null) : Json(field, value);

        var result = TransactionDecoder.Decode(json);

        Assert.False(result.IsSuccess);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Latitude_needs_longitude()
    {
        var result = TransactionDecoder.Decode(Json("Latitude", "10"));

        Assert.Equal("Longitude: required when Latitude is given", result.Error);
    }

    [Fact]
    public void Repeated_field_is_rejected()
    {
        var result = TransactionDecoder.Decode(Json().TrimEnd('}') + ",\"Transaction_Amount\":1}");

        Assert.Equal("Transaction_Amount: appears more than once", result.Error);
    }

    [Theory]
    [InlineData("", "malformed JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("\"text\"", "expected a JSON object")]
    [InlineData("{\"Account_Id\": 1,", "malformed JSON")]
    [InlineData("{\"Account_Id\": 1} trailing", "malformed JSON")]
    [InlineData("{\"Account_Id\": 1}{}", "malformed JSON")]
    [InlineData("{\"Account_Id\": 1", "malformed JSON")]
    [InlineData("{\"Account_Id\": 1 ", "malformed JSON")]
    public void Malformed_input_is_an_error_not_an_exception(string text, string expected)
    {
        var result = TransactionDecoder.Decode(text);

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_an_exception()
    {
        var bytes = Encoding.UTF8.GetBytes(Json("Customer_Name", "\"Ada XX\""));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var result = TransactionDecoder.Decode(bytes);

        Assert.False(result.IsSuccess);
        Assert.Contains("malformed JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(bytes => TransactionDecoder.Decode(bytes).IsSuccess || TransactionDecoder.Decode(bytes).Error!.Length > 0);
    }

    [Fact]
    public void Mutated_valid_records_never_throw()
    {
        var valid = Encoding.UTF8.GetBytes(Json());
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 4].Sample(edits =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (at, value) in edits)
            {
                bytes[at] = value;
            }

            var result = TransactionDecoder.Decode(bytes);
            return result.IsSuccess ? result.Value.TransactionId.Length == 16 : result.Error.Length > 0;
        });
    }
}
