using System.Text.Json;
using FraudDetection.Model;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>Reads rule JSON: one definition (a topic message) or a file holding an array of them. Never throws on bad bytes.</summary>
public static class RuleDefinitionParser
{
    public static DecodeResult<RuleDefinition> Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return DecodeResult<RuleDefinition>.Success(CoreJson.Deserialize<RuleDefinition>(utf8Json));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return DecodeResult<RuleDefinition>.Failure($"malformed rule: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>An array of definitions, or a single one.</summary>
    public static DecodeResult<List<RuleDefinition>> ParseMany(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                return DecodeResult<List<RuleDefinition>>.Success(CoreJson.Deserialize<List<RuleDefinition>>(utf8Json));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return DecodeResult<List<RuleDefinition>>.Failure($"malformed rules: {ex.Message.ReplaceLineEndings(" ")}");
        }

        var single = Parse(utf8Json);
        return single.IsSuccess
            ? DecodeResult<List<RuleDefinition>>.Success([single.Value])
            : DecodeResult<List<RuleDefinition>>.Failure(single.Error);
    }
}
