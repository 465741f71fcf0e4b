using System.Text.Json;
using System.Text.Json.Serialization;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Model;

namespace FraudDetection;

/// <summary>
/// Source-generated JSON metadata for the records the core itself reads (flags, rule definitions), with the same
/// options as the kit-wide <c>FraudJsonContext</c> of the FraudDetection library, which also covers the edges' records.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(FlaggedAccount))]
[JsonSerializable(typeof(RuleDefinition))]
[JsonSerializable(typeof(List<RuleDefinition>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
