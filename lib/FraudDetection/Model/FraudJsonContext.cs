using System.Text.Json.Serialization;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Generation;
using FraudDetection.Replay;

namespace FraudDetection.Model;

/// <summary>Source-generated System.Text.Json metadata for every record the kit reads or writes (no reflection).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(Transaction))]
[JsonSerializable(typeof(FlaggedAccount))]
[JsonSerializable(typeof(ProcessedTransaction))]
[JsonSerializable(typeof(Reason))]
[JsonSerializable(typeof(RuleDefinition))]
[JsonSerializable(typeof(List<RuleDefinition>))]
[JsonSerializable(typeof(TransactionLabel))]
[JsonSerializable(typeof(ReplayError))]
public sealed partial class FraudJsonContext : JsonSerializerContext;
