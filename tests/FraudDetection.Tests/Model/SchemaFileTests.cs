using System.Text;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Generation;
using FraudDetection.Model;
using NJsonSchema;

namespace FraudDetection.Tests.Model;

/// <summary>The records the kit writes validate against the schema files in assets/schemas, and the decoder agrees with them.</summary>
public sealed class SchemaFileTests
{
    private static readonly string SchemaDirectory = Path.Combine(KitPaths.Discover().AssetsDirectory, "schemas");

    private static readonly GeneratorOptions Generator = new()
    {
        Seed = 11, Accounts = 50, StartTime = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), FraudRatio = 0.2, FlaggedAccounts = 2,
    };

    private static async Task<JsonSchema> Schema(string name) =>
        await JsonSchema.FromFileAsync(Path.Combine(SchemaDirectory, name), TestContext.Current.CancellationToken);

    private static void AssertValid(JsonSchema schema, byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        var errors = schema.Validate(text);
        Assert.True(errors.Count == 0, $"{text}\n{string.Join("\n", errors.Select(e => e.ToString()))}");
    }

    [Fact]
    public async Task Generated_transactions_labels_and_flags_validate()
    {
        var transaction = await Schema("transaction.schema.json");
        var label = await Schema("label.schema.json");
        var flag = await Schema("flagged-account.schema.json");

        foreach (var generated in new TransactionGenerator(Generator).Generate().Take(300))
        {
            AssertValid(transaction, FraudJson.Serialize(generated.Transaction with { CreatedAt = DateTimeOffset.UnixEpoch }));
            AssertValid(label, FraudJson.Serialize(generated.Label));
        }

        foreach (var flagged in new FlagGenerator(Generator).Generate())
        {
            AssertValid(flag, FraudJson.Serialize(flagged with { UnflagDate = flagged.FlagDate.AddDays(1) }));
        }
    }

    [Fact]
    public async Task Processed_records_of_every_verdict_validate()
    {
        var schema = await Schema("processed-transaction.schema.json");
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        foreach (var flagged in new FlagGenerator(Generator).Generate())
        {
            engine.Apply(flagged);
        }

        var verdicts = new HashSet<Verdict>();
        foreach (var generated in new TransactionGenerator(Generator).Generate().Take(500))
        {
            var decision = engine.Process(generated.Transaction);
            verdicts.Add(decision.Verdict);
            AssertValid(schema, FraudJson.Serialize(ProcessedTransaction.From(decision)));
        }

        Assert.Equal(3, verdicts.Count);
    }

    [Fact]
    public async Task Default_rules_file_validates()
    {
        var schema = await Schema("rule-definition.schema.json");

        AssertValid(schema, File.ReadAllBytes(Path.Combine(KitPaths.Discover().AssetsDirectory, "rules", "default-rules.json")));
    }

    [Theory]
    [InlineData("Account_Id", null)]
    [InlineData("Account_Id", "\"1\"")]
    [InlineData("Account_Id", "0")]
    [InlineData("Account_Id", "1.5")]
    [InlineData("Merchant_Type", "\"Casino\"")]
    [InlineData("Transaction_Id", "\"0123\"")]
    [InlineData("Transaction_Type", "\"online\"")]
    [InlineData("Transaction_Amount", "-0.01")]
    [InlineData("Transaction_Amount", "1.001")]
    [InlineData("Transaction_Date", "\"yesterday\"")]
    [InlineData("Latitude", "-90.5")]
    [InlineData("Longitude", "180.1")]
    [InlineData("Currency", "\"Euro\"")]
    [InlineData("Country", "\"fr\"")]
    [InlineData("Card_Bin", "\"12a456\"")]
    [InlineData("Email", "\"nobody\"")]
    [InlineData("Ip_Address", "\"10.0.0\"")]
    public async Task Schema_and_decoder_reject_the_same_records(string field, string? value)
    {
        var schema = await Schema("transaction.schema.json");
        var json = TransactionDecoderTests.Json(field, value);
        if (field is "Latitude" or "Longitude")
        {
            json = json.TrimEnd('}') + (field == "Latitude" ? ",\"Longitude\":0}" : ",\"Latitude\":0}");
        }

        Assert.NotEmpty(schema.Validate(json));
        Assert.False(TransactionDecoder.Decode(json).IsSuccess);
    }

    [Fact]
    public async Task Schema_and_decoder_accept_the_workshop_record()
    {
        var schema = await Schema("transaction.schema.json");

        Assert.Empty(schema.Validate(TransactionDecoderTests.Json()));
        Assert.True(TransactionDecoder.Decode(TransactionDecoderTests.Json()).IsSuccess);
    }
}
