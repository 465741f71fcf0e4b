using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;

namespace FraudDetection.Model;

/// <summary>
/// Decodes and validates one UTF-8 JSON transaction with the rules of <c>assets/schemas/transaction.schema.json</c>.
/// Never throws on bad bytes: the result names the field and the problem, so the processor can dead-letter it.
/// Hand-written over <see cref="Utf8JsonReader"/> because it is the hot path (no reflection, one pass, few allocations);
/// unknown properties are skipped so producers may add fields.
/// </summary>
public static class TransactionDecoder
{
    private const int MaxShown = 40;

    /// <summary>
    /// One cache per thread keeps <see cref="Decode(ReadOnlySpan{byte})"/> static and thread-safe; it only saves
    /// allocations (the strings returned are equal either way) and is bounded (see <see cref="Utf8StringCache"/>).
    /// </summary>
    [ThreadStatic]
    private static Utf8StringCache? strings;

    public static DecodeResult<Transaction> Decode(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return DecodeUnchecked(utf8Json);
        }
        catch (JsonException ex)
        {
            return DecodeResult<Transaction>.Failure($"malformed JSON: {FirstLine(ex.Message)}");
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 inside strings this way.
            return DecodeResult<Transaction>.Failure($"malformed JSON: {FirstLine(ex.Message)}");
        }
    }

    public static DecodeResult<Transaction> Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    private static DecodeResult<Transaction> DecodeUnchecked(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("expected a JSON object");
        }

        var fields = new TransactionFields();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                // Reading on makes the reader throw on anything but whitespace after the object.
                _ = reader.Read();
                return fields.Build();
            }

            var field = FieldOf(ref reader);
            reader.Read();
            if (field == Field.Unknown)
            {
                reader.Skip();
                continue;
            }

            if (!fields.MarkSeen(field))
            {
                return Fail($"{NameOf(field)}: appears more than once");
            }

            var error = ReadField(ref reader, field, ref fields);
            if (error is not null)
            {
                return Fail($"{NameOf(field)}: {error}");
            }
        }

        return Fail("truncated JSON object");
    }

    private static string? ReadField(ref Utf8JsonReader reader, Field field, ref TransactionFields f)
    {
        switch (field)
        {
            case Field.AccountId:
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return ExpectedGot("a whole number", ref reader);
                }

                if (!reader.TryGetInt64(out var account) || account <= 0)
                {
                    return $"must be a positive whole number, got {Shown(ref reader)}";
                }

                f.AccountId = account;
                return null;

            case Field.CustomerName:
                return ReadRequiredString(ref reader, out f.CustomerName);

            case Field.MerchantType:
                return ReadMerchantType(ref reader, out f.MerchantType);

            case Field.TransactionId:
                if (reader.TokenType != JsonTokenType.String)
                {
                    return ExpectedGot("a string", ref reader);
                }

                if (!IsHexId(reader.ValueSpan) || reader.ValueIsEscaped)
                {
                    return $"must be {Transaction.IdLength} hexadecimal characters, got {Shown(ref reader)}";
                }

                f.TransactionId = reader.GetString();
                return null;

            case Field.TransactionType:
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Online"u8))
                {
                    f.TransactionType = TransactionType.Online;
                }
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("In Store"u8))
                {
                    f.TransactionType = TransactionType.InStore;
                }
                else
                {
                    return $"must be \"Online\" or \"In Store\", got {Shown(ref reader)}";
                }

                return null;

            case Field.TransactionAmount:
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return ExpectedGot("a number", ref reader);
                }

                if (!reader.TryGetDecimal(out var amount) || amount < 0 || decimal.Round(amount, 2) != amount)
                {
                    return $"must be a non-negative amount with at most 2 decimal places, got {Shown(ref reader)}";
                }

                f.Amount = amount;
                return null;

            case Field.TransactionDate:
                return ReadDate(ref reader, required: true, out f.Date);

            case Field.CreatedAt:
                return ReadDate(ref reader, required: false, out f.CreatedAt);

            case Field.Latitude:
                return ReadCoordinate(ref reader, 90, out f.Latitude);

            case Field.Longitude:
                return ReadCoordinate(ref reader, 180, out f.Longitude);

            case Field.Currency:
                return ReadOptionalString(ref reader, static s => s.Length == 3 && IsUpperAscii(s), "an ISO-4217 code of 3 capital letters", out f.Currency, repeats: true);

            case Field.Country:
                return ReadOptionalString(ref reader, static s => s.Length == 2 && IsUpperAscii(s), "an ISO-3166 code of 2 capital letters", out f.Country, repeats: true);

            case Field.IpAddress:
                return ReadOptionalString(ref reader, IsIpAddress, "an IPv4 or IPv6 address", out f.IpAddress, repeats: false);

            case Field.CardBin:
                return ReadOptionalString(ref reader, static s => s.Length is >= 6 and <= 8 && IsDigits(s), "6 to 8 digits", out f.CardBin, repeats: false);

            case Field.Email:
                return ReadOptionalString(ref reader, static s => s.IndexOf((byte)'@') > 0 && s.IndexOf((byte)'@') < s.Length - 1, "an e-mail address", out f.Email, repeats: false);

            case Field.City:
                return ReadOptionalString(ref reader, static s => s.Length > 0, "a non-empty string", out f.City, repeats: true);

            case Field.Device:
                return ReadOptionalString(ref reader, static s => s.Length > 0, "a non-empty string", out f.Device, repeats: true);

            default:
                throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    private static string? ReadRequiredString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return ExpectedGot("a string", ref reader);
        }

        value = reader.GetString();
        return string.IsNullOrWhiteSpace(value) ? "must not be empty" : null;
    }

    private delegate bool Utf8Check(ReadOnlySpan<byte> value);

    private static string? ReadOptionalString(ref Utf8JsonReader reader, Utf8Check isValid, string what, out string? value, bool repeats)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return ExpectedGot("a string", ref reader);
        }

        // Escaped strings are rare; validate their unescaped form.
        if (reader.ValueIsEscaped)
        {
            value = reader.GetString()!;
            return isValid(Encoding.UTF8.GetBytes(value)) ? null : $"must be {what}, got {Shown(ref reader)}";
        }

        if (!isValid(reader.ValueSpan))
        {
            return $"must be {what}, got {Shown(ref reader)}";
        }

        value = repeats ? GetRepeatingText(ref reader) : reader.GetString();
        return null;
    }

    /// <summary>The current (unescaped, validated) string value of a low-cardinality field, through the thread's <see cref="Utf8StringCache"/>.</summary>
    private static string GetRepeatingText(ref Utf8JsonReader reader) =>
        (strings ??= new Utf8StringCache()).TryGet(reader.ValueSpan, out var cached) ? cached : reader.GetString()!;

    private static string? ReadMerchantType(ref Utf8JsonReader reader, out MerchantType value)
    {
        value = default;
        if (reader.TokenType == JsonTokenType.String)
        {
            for (var i = 0; i < MerchantTypes.Utf8Names.Length; i++)
            {
                if (reader.ValueTextEquals(MerchantTypes.Utf8Names[i]))
                {
                    value = MerchantTypes.All[i];
                    return null;
                }
            }
        }

        return $"must be one of {MerchantTypes.NameList}, got {Shown(ref reader)}";
    }

    private static string? ReadDate(ref Utf8JsonReader reader, bool required, out DateTimeOffset? value)
    {
        value = null;
        if (!required && reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return ExpectedGot("an ISO-8601 date-time string", ref reader);
        }

        // A time without an offset is taken as UTC so a decode never depends on the machine's time zone.
        // The usual case (an offset or 'Z' is written) is parsed once.
        if (!reader.ValueIsEscaped && HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out var withOffset))
        {
            value = withOffset;
            return null;
        }

        if (!reader.TryGetDateTime(out var dateTime))
        {
            return $"must be an ISO-8601 date-time, got {Shown(ref reader)}";
        }

        value = dateTime.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dateTime, TimeSpan.Zero) : reader.GetDateTimeOffset();
        return null;
    }

    private static string? ReadCoordinate(ref Utf8JsonReader reader, double limit, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return ExpectedGot("a number", ref reader);
        }

        if (!reader.TryGetDouble(out var number) || !double.IsFinite(number) || Math.Abs(number) > limit)
        {
            return $"must be between -{limit} and {limit}, got {Shown(ref reader)}";
        }

        value = number;
        return null;
    }

    /// <summary>Ends in 'Z' or carries "+hh:mm" / "-hh:mm" after the time.</summary>
    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        var time = text.IndexOf((byte)'T');
        return time > 0 && (text[^1] == (byte)'Z' || text[time..].IndexOfAny((byte)'+', (byte)'-') > 0);
    }

    private static bool IsHexId(ReadOnlySpan<byte> value)
    {
        if (value.Length != Transaction.IdLength)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IPv6, or IPv4 as a dotted quad (the parser alone would also take legacy forms such as "10.0.0").</summary>
    private static bool IsIpAddress(ReadOnlySpan<byte> value) =>
        (value.Contains((byte)':') || value.Count((byte)'.') == 3) && IPAddress.IsValidUtf8(value);

    private static bool IsUpperAscii(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static string ExpectedGot(string expected, ref Utf8JsonReader reader) => $"expected {expected}, got {Shown(ref reader)}";

    /// <summary>The offending value as the user wrote it, shortened.</summary>
    private static string Shown(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.True:
            case JsonTokenType.False:
                return reader.TokenType == JsonTokenType.True ? "true" : "false";
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                return $"\"{(text.Length > MaxShown ? text[..MaxShown] + "…" : text)}\"";
            default:
                var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                return raw.Length > MaxShown ? raw[..MaxShown] + "…" : raw;
        }
    }

    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            for (var i = 0; i < FieldNames.Length; i++)
            {
                if (reader.ValueTextEquals(FieldNames[i]))
                {
                    return (Field)(i + 1);
                }
            }

            return Field.Unknown;
        }

        // Hot path: only the names of the same length are compared (one to three of them).
        var name = reader.ValueSpan;
        if (name.Length < FieldsByLength.Length)
        {
            foreach (var field in FieldsByLength[name.Length])
            {
                if (name.SequenceEqual(FieldNames[(int)field - 1]))
                {
                    return field;
                }
            }
        }

        return Field.Unknown;
    }

    private static string NameOf(Field field) => Encoding.UTF8.GetString(FieldNames[(int)field - 1]);

    private static string FirstLine(string message) => message.ReplaceLineEndings(" ");

    private static DecodeResult<Transaction> Fail(string error) => DecodeResult<Transaction>.Failure(error);

    /// <summary>JSON names in <see cref="Field"/> order (index = value - 1).</summary>
    private static readonly byte[][] FieldNames =
    [
        "Account_Id"u8.ToArray(), "Customer_Name"u8.ToArray(), "Merchant_Type"u8.ToArray(), "Transaction_Id"u8.ToArray(),
        "Transaction_Type"u8.ToArray(), "Transaction_Amount"u8.ToArray(), "Transaction_Date"u8.ToArray(), "Currency"u8.ToArray(),
        "Latitude"u8.ToArray(), "Longitude"u8.ToArray(), "City"u8.ToArray(), "Country"u8.ToArray(), "Ip_Address"u8.ToArray(),
        "Device"u8.ToArray(), "Card_Bin"u8.ToArray(), "Email"u8.ToArray(), "Created_At"u8.ToArray(),
    ];

    /// <summary>Fields indexed by the byte length of their JSON name.</summary>
    private static readonly Field[][] FieldsByLength = BuildFieldsByLength();

    private static Field[][] BuildFieldsByLength()
    {
        var byLength = new List<Field>[FieldNames.Max(n => n.Length) + 1];
        for (var i = 0; i < FieldNames.Length; i++)
        {
            (byLength[FieldNames[i].Length] ??= []).Add((Field)(i + 1));
        }

        return Array.ConvertAll(byLength, list => list?.ToArray() ?? []);
    }

    private enum Field
    {
        Unknown,
        AccountId,
        CustomerName,
        MerchantType,
        TransactionId,
        TransactionType,
        TransactionAmount,
        TransactionDate,
        Currency,
        Latitude,
        Longitude,
        City,
        Country,
        IpAddress,
        Device,
        CardBin,
        Email,
        CreatedAt,
    }

    /// <summary>Values collected while reading; <see cref="Build"/> checks the required ones.</summary>
    private struct TransactionFields
    {
        public int Seen;
        public long AccountId;
        public string? CustomerName;
        public MerchantType MerchantType;
        public string? TransactionId;
        public TransactionType TransactionType;
        public decimal Amount;
        public DateTimeOffset? Date;
        public DateTimeOffset? CreatedAt;
        public double? Latitude;
        public double? Longitude;
        public string? Currency;
        public string? City;
        public string? Country;
        public string? IpAddress;
        public string? Device;
        public string? CardBin;
        public string? Email;

        public bool MarkSeen(Field field)
        {
            var bit = 1 << (int)field;
            if ((Seen & bit) != 0)
            {
                return false;
            }

            Seen |= bit;
            return true;
        }

        public readonly DecodeResult<Transaction> Build()
        {
            for (var field = Field.AccountId; field <= Field.TransactionDate; field++)
            {
                if ((Seen & (1 << (int)field)) == 0)
                {
                    return Fail($"{NameOf(field)}: required field is missing");
                }
            }

            if (Latitude.HasValue != Longitude.HasValue)
            {
                return Fail(Latitude.HasValue ? "Longitude: required when Latitude is given" : "Latitude: required when Longitude is given");
            }

            return DecodeResult<Transaction>.Success(new Transaction
            {
                AccountId = AccountId,
                CustomerName = CustomerName!,
                MerchantType = MerchantType,
                TransactionId = TransactionId!,
                TransactionType = TransactionType,
                TransactionAmount = Amount,
                TransactionDate = Date!.Value,
                Currency = Currency,
                Latitude = Latitude,
                Longitude = Longitude,
                City = City,
                Country = Country,
                IpAddress = IpAddress,
                Device = Device,
                CardBin = CardBin,
                Email = Email,
                CreatedAt = CreatedAt,
            });
        }
    }
}
