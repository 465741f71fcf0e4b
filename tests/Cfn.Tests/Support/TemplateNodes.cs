using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cfn.Tests.Support;

/// <summary>Walks a template's JSON tree: every node with its path, intrinsic functions, IAM statements.</summary>
public static class TemplateNodes
{
    /// <summary>Every node below <paramref name="root"/>, depth first, with a readable path.</summary>
    public static IEnumerable<(string Path, JsonNode Node)> Descendants(JsonNode? root, string path)
    {
        if (root is null)
        {
            yield break;
        }

        yield return (path, root);
        var children = root switch
        {
            JsonObject obj => obj.Select(p => ($"{path}.{p.Key}", p.Value)),
            JsonArray array => array.Select((item, i) => ($"{path}[{i}]", item)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            foreach (var descendant in Descendants(child, childPath))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The argument of <paramref name="function"/> when <paramref name="node"/> is exactly that one-key call.</summary>
    public static bool IsCall(JsonNode? node, string function, out JsonNode? argument)
    {
        argument = null;
        if (node is JsonObject { Count: 1 } obj && obj.First().Key == function)
        {
            argument = obj.First().Value;
            return true;
        }

        return false;
    }

    /// <summary>A CloudFormation intrinsic: <c>Ref</c>, <c>Condition</c> or any <c>Fn::</c> call.</summary>
    public static bool IsIntrinsic(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && obj.First().Key is var key && (key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal));

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A string or a list of strings (IAM actions and resources, DependsOn).</summary>
    public static IReadOnlyList<JsonNode?> AsList(JsonNode? node) => node is JsonArray array ? [.. array] : [node];

    /// <summary>Every IAM statement in the template: role and resource policies and KMS key policies.</summary>
    public static IEnumerable<IamStatement> IamStatements(StackTemplate template)
    {
        foreach (var (name, resource) in template.Resources)
        {
            foreach (var (path, node) in Descendants(resource, $"Resources.{name}"))
            {
                if (node is JsonObject obj && obj["Statement"] is { } statements && obj.ContainsKey("Version"))
                {
                    foreach (var (statement, i) in AsList(statements).Select((s, i) => (s, i)))
                    {
                        yield return new IamStatement(name, StackTemplate.TypeOf(resource), $"{path}.Statement[{i}]", statement!.AsObject());
                    }
                }
            }
        }
    }
}

/// <summary>One IAM policy statement and where it sits.</summary>
public sealed record IamStatement(string ResourceName, string ResourceType, string Path, JsonObject Statement)
{
    public string? Sid => TemplateNodes.AsString(Statement["Sid"]);

    public IReadOnlyList<string> Actions => Strings("Action");

    public IReadOnlyList<string> Resources => Strings("Resource");

    public bool Allows => TemplateNodes.AsString(Statement["Effect"]) == "Allow";

    private IReadOnlyList<string> Strings(string key) =>
        TemplateNodes.AsList(Statement[key]).Select(TemplateNodes.AsString).OfType<string>().ToList();
}
