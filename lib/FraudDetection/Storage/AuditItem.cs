using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using FraudDetection.Model;

namespace FraudDetection.Storage;

/// <summary>
/// One audit-table item: a flagged transaction with its verdict and explanation. Times are stored as ISO-8601 UTC
/// strings (they sort in time order), amounts and scores as numbers, reasons as a list of maps, and
/// <see cref="ExpiresAt"/> as epoch seconds for DynamoDB TTL.
/// </summary>
public sealed record AuditItem
{
    public required long AccountId { get; init; }

    public required string TransactionId { get; init; }

    public required string RecordId { get; init; }

    public required Verdict Verdict { get; init; }

    public required int Score { get; init; }

    public required IReadOnlyList<Reason> Reasons { get; init; }

    public required decimal TransactionAmount { get; init; }

    public string? Currency { get; init; }

    public required DateTimeOffset EventTime { get; init; }

    public required DateTimeOffset ProcessedTime { get; init; }

    public DateTimeOffset? FlagDate { get; init; }

    public required MerchantType MerchantType { get; init; }

    public required TransactionType TransactionType { get; init; }

    public required string CustomerName { get; init; }

    public required long ExpiresAt { get; init; }

    /// <summary>The item for <paramref name="record"/>, expiring <paramref name="timeToLive"/> after <paramref name="now"/>.</summary>
    public static AuditItem From(ProcessedTransaction record, DateTimeOffset now, TimeSpan timeToLive) => new()
    {
        AccountId = record.AccountId,
        TransactionId = record.TransactionId,
        RecordId = record.RecordId,
        Verdict = record.Verdict,
        Score = record.Score,
        Reasons = record.Reasons,
        TransactionAmount = record.TransactionAmount,
        Currency = record.Currency,
        EventTime = record.EventTime,
        ProcessedTime = record.ProcessedTime,
        FlagDate = record.FlagDate,
        MerchantType = record.MerchantType,
        TransactionType = record.TransactionType,
        CustomerName = record.CustomerName,
        ExpiresAt = (now + timeToLive).ToUnixTimeSeconds(),
    };

    /// <summary>The DynamoDB attributes; <paramref name="ttlAttribute"/> names the expiry attribute.</summary>
    public Dictionary<string, AttributeValue> ToAttributes(string ttlAttribute)
    {
        var item = new Dictionary<string, AttributeValue>(16, StringComparer.Ordinal)
        {
            [AuditAttributes.AccountId] = Number(AccountId),
            [AuditAttributes.TransactionId] = new AttributeValue { S = TransactionId },
            [AuditAttributes.RecordId] = new AttributeValue { S = RecordId },
            [AuditAttributes.Verdict] = Name(Verdict),
            [AuditAttributes.Score] = Number(Score),
            [AuditAttributes.Reasons] = new AttributeValue { L = Reasons.Select(ReasonAttribute).ToList() },
            [AuditAttributes.TransactionAmount] = Number(TransactionAmount),
            [AuditAttributes.EventTime] = Time(EventTime),
            [AuditAttributes.ProcessedTime] = Time(ProcessedTime),
            [AuditAttributes.MerchantType] = Name(MerchantType),
            [AuditAttributes.TransactionType] = Name(TransactionType),
            [AuditAttributes.CustomerName] = new AttributeValue { S = CustomerName },
            [ttlAttribute] = Number(ExpiresAt),
        };
        if (Currency is not null)
        {
            item[AuditAttributes.Currency] = new AttributeValue { S = Currency };
        }

        if (FlagDate is { } flagDate)
        {
            item[AuditAttributes.FlagDate] = Time(flagDate);
        }

        return item;
    }

    /// <summary>Reads an item written by <see cref="ToAttributes"/>; throws <see cref="FormatException"/> naming the attribute when one is missing or malformed.</summary>
    public static AuditItem FromAttributes(IReadOnlyDictionary<string, AttributeValue> item, string ttlAttribute) => new()
    {
        AccountId = long.Parse(Required(item, AuditAttributes.AccountId).N, CultureInfo.InvariantCulture),
        TransactionId = Required(item, AuditAttributes.TransactionId).S,
        RecordId = Required(item, AuditAttributes.RecordId).S,
        Verdict = ParseName<Verdict>(Required(item, AuditAttributes.Verdict).S),
        Score = int.Parse(Required(item, AuditAttributes.Score).N, CultureInfo.InvariantCulture),
        Reasons = (Required(item, AuditAttributes.Reasons).L ?? []).Select(ReasonFrom).ToList(),
        TransactionAmount = decimal.Parse(Required(item, AuditAttributes.TransactionAmount).N, CultureInfo.InvariantCulture),
        Currency = item.TryGetValue(AuditAttributes.Currency, out var currency) ? currency.S : null,
        EventTime = ParseTime(Required(item, AuditAttributes.EventTime).S),
        ProcessedTime = ParseTime(Required(item, AuditAttributes.ProcessedTime).S),
        FlagDate = item.TryGetValue(AuditAttributes.FlagDate, out var flag) ? ParseTime(flag.S) : null,
        MerchantType = ParseName<MerchantType>(Required(item, AuditAttributes.MerchantType).S),
        TransactionType = ParseName<TransactionType>(Required(item, AuditAttributes.TransactionType).S),
        CustomerName = Required(item, AuditAttributes.CustomerName).S,
        ExpiresAt = long.Parse(Required(item, ttlAttribute).N, CultureInfo.InvariantCulture),
    };

    /// <summary>ISO-8601 in UTC with a fixed width, so string order is time order (used by time queries).</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    // Enums are stored with their JSON spelling ("block", "Food and Beverage"), as on the topics.
    private static AttributeValue Name<T>(T value)
        where T : struct, Enum => new() { S = FraudJson.SerializeToString(value).Trim('"') };

    private static T ParseName<T>(string value)
        where T : struct, Enum => FraudJson.Deserialize<T>($"\"{JsonEncodedText.Encode(value)}\"");

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue Number(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue Time(DateTimeOffset value) => new() { S = FormatTime(value) };

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static AttributeValue ReasonAttribute(Reason reason) => new()
    {
        M = new Dictionary<string, AttributeValue>(4, StringComparer.Ordinal)
        {
            ["Rule_Id"] = new() { S = reason.RuleId },
            ["Description"] = new() { S = reason.Description },
            ["Observed"] = Number(reason.Observed),
            ["Threshold"] = Number(reason.Threshold),
        },
    };

    private static Reason ReasonFrom(AttributeValue value) => new()
    {
        RuleId = Required(value.M, "Rule_Id").S,
        Description = Required(value.M, "Description").S,
        Observed = decimal.Parse(Required(value.M, "Observed").N, CultureInfo.InvariantCulture),
        Threshold = decimal.Parse(Required(value.M, "Threshold").N, CultureInfo.InvariantCulture),
    };

    private static AttributeValue Required(IReadOnlyDictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value)
            ? value
            : throw new FormatException($"audit item has no attribute {name}");
}
