using System.Text.Json.Serialization;

namespace FraudLab.Broker.Log;

/// <summary>What defines a topic besides its data: name, partition count and the configs set on it.</summary>
internal sealed record TopicDefinition(string Name, int Partitions, Dictionary<string, string> Configs);

[JsonSerializable(typeof(TopicDefinition))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class TopicDefinitionJson : JsonSerializerContext;
