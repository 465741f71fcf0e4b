using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cfn.Tests.Support;

/// <summary>
/// Reads a CloudFormation YAML template into the JSON form CloudFormation itself works on:
/// short-form tags become their long form (<c>!Ref X</c> → <c>{"Ref": "X"}</c>, <c>!GetAtt A.B</c> →
/// <c>{"Fn::GetAtt": ["A", "B"]}</c>, <c>!Sub</c> → <c>Fn::Sub</c> …) and plain scalars get YAML 1.1 core types.
/// An unknown tag is an error naming its line, as it is for CloudFormation.
/// </summary>
public static partial class CfnYamlReader
{
    private static readonly HashSet<string> FunctionTags =
    [
        "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
        "If", "Equals", "Not", "And", "Or", "GetAtt",
    ];

    public static JsonNode? Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"expected one YAML document, found {stream.Documents.Count}");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlMappingNode map => ConvertMapping(map),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => throw new InvalidDataException($"line {node.Start.Line}: unsupported YAML node {node.NodeType}"),
        };
        return node.Tag.IsEmpty || node.Tag.Value is "!" or "tag:yaml.org,2002:str" ? value : ApplyTag(node, value);
    }

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, child) in map.Children)
        {
            var name = key is YamlScalarNode { Value: { } text }
                ? text
                : throw new InvalidDataException($"line {key.Start.Line}: mapping keys must be plain strings");
            if (result.ContainsKey(name))
            {
                throw new InvalidDataException($"line {key.Start.Line}: duplicate key '{name}'");
            }

            result[name] = Convert(child);
        }

        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(bool.Parse(text));
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    private static JsonNode ApplyTag(YamlNode node, JsonNode? value)
    {
        var tag = node.Tag.Value.TrimStart('!');
        if (tag == "Ref")
        {
            return new JsonObject { ["Ref"] = value };
        }

        if (tag == "Condition")
        {
            return new JsonObject { ["Condition"] = value };
        }

        if (!FunctionTags.Contains(tag))
        {
            throw new InvalidDataException($"line {node.Start.Line}: unknown tag '{node.Tag.Value}'");
        }

        if (tag == "GetAtt" && value is JsonValue dotted && dotted.TryGetValue<string>(out var path))
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            value = dot > 0
                ? new JsonArray(path[..dot], path[(dot + 1)..])
                : throw new InvalidDataException($"line {node.Start.Line}: !GetAtt needs Resource.Attribute, got '{path}'");
        }

        return new JsonObject { [$"Fn::{tag}"] = value };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
