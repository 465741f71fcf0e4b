using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cfn.Tests.Support;

/// <summary>
/// Reference integrity: every <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c> variable, <c>DependsOn</c>,
/// condition name and <c>Fn::FindInMap</c> key names something the template defines
/// (or a pseudo parameter, or a resource attribute the specification lists).
/// </summary>
public sealed partial class ReferenceChecker(ResourceSpecification specification)
{
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    public IReadOnlyList<string> Check(StackTemplate template)
    {
        var problems = new List<string>();
        foreach (var (path, node) in TemplateNodes.Descendants(template.Root, "$"))
        {
            if (node is not JsonObject { Count: 1 } call)
            {
                continue;
            }

            var (function, argument) = (call.First().Key, call.First().Value);
            switch (function)
            {
                case "Ref":
                    CheckRef(template, path, TemplateNodes.AsString(argument), problems);
                    break;
                case "Fn::GetAtt":
                    CheckGetAtt(template, path, argument, problems);
                    break;
                case "Fn::Sub":
                    CheckSub(template, path, argument, problems);
                    break;
                case "Fn::FindInMap":
                    CheckFindInMap(template, path, argument, problems);
                    break;
                case "Fn::If":
                    CheckCondition(template, path, TemplateNodes.AsString((argument as JsonArray)?.FirstOrDefault()), problems);
                    break;
                case "Condition" when path.StartsWith("$.Conditions", StringComparison.Ordinal):
                    CheckCondition(template, path, TemplateNodes.AsString(argument), problems);
                    break;
            }
        }

        foreach (var (name, resource) in template.Resources.Concat(template.Outputs))
        {
            if (resource?["Condition"] is { } condition)
            {
                CheckCondition(template, $"{name}.Condition", TemplateNodes.AsString(condition), problems);
            }
        }

        foreach (var (name, resource) in template.Resources)
        {
            foreach (var dependency in TemplateNodes.AsList(resource?["DependsOn"]).Where(d => d is not null))
            {
                if (TemplateNodes.AsString(dependency) is not { } target || !template.Resources.ContainsKey(target))
                {
                    problems.Add($"Resources.{name}.DependsOn: '{dependency?.ToJsonString()}' is not a resource");
                }
            }
        }

        return problems;
    }

    private static void CheckRef(StackTemplate template, string path, string? target, List<string> problems)
    {
        if (target is null || !(template.Parameters.ContainsKey(target) || template.Resources.ContainsKey(target) || PseudoParameters.Contains(target)))
        {
            problems.Add($"{path}: Ref to undefined '{target}'");
        }
    }

    private void CheckGetAtt(StackTemplate template, string path, JsonNode? argument, List<string> problems)
    {
        if (argument is not JsonArray { Count: 2 } pair || TemplateNodes.AsString(pair[0]) is not { } resource)
        {
            problems.Add($"{path}: Fn::GetAtt needs [resource, attribute]");
            return;
        }

        CheckAttribute(template, path, resource, TemplateNodes.AsString(pair[1]), problems);
    }

    private void CheckAttribute(StackTemplate template, string path, string resource, string? attribute, List<string> problems)
    {
        if (!template.Resources.TryGetPropertyValue(resource, out var node))
        {
            problems.Add($"{path}: Fn::GetAtt of undefined resource '{resource}'");
            return;
        }

        var type = StackTemplate.TypeOf(node);
        if (attribute is null || !specification.HasAttribute(type, attribute))
        {
            problems.Add($"{path}: {type} has no attribute '{attribute}'");
        }
    }

    private void CheckSub(StackTemplate template, string path, JsonNode? argument, List<string> problems)
    {
        var (text, variables) = argument switch
        {
            JsonArray { Count: 2 } pair => (TemplateNodes.AsString(pair[0]), pair[1] as JsonObject),
            _ => (TemplateNodes.AsString(argument), null),
        };
        if (text is null)
        {
            problems.Add($"{path}: Fn::Sub needs a string or [string, variables]");
            return;
        }

        foreach (Match match in SubVariable().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (variables?.ContainsKey(name) == true)
            {
                continue;
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !PseudoParameters.Contains(name))
            {
                CheckAttribute(template, path, name[..dot], name[(dot + 1)..], problems);
            }
            else
            {
                CheckRef(template, path, name, problems);
            }
        }
    }

    private static void CheckFindInMap(StackTemplate template, string path, JsonNode? argument, List<string> problems)
    {
        var keys = (argument as JsonArray)?.Select(TemplateNodes.AsString).ToList();
        if (keys is not { Count: 3 })
        {
            problems.Add($"{path}: Fn::FindInMap needs [map, top key, second key]");
            return;
        }

        if (keys.Any(k => k is null))
        {
            return; // a computed key is only known at deploy time
        }

        if (template.Mappings[keys[0]!]?[keys[1]!]?[keys[2]!] is null)
        {
            problems.Add($"{path}: mapping {keys[0]}.{keys[1]}.{keys[2]} is not defined");
        }
    }

    private static void CheckCondition(StackTemplate template, string path, string? name, List<string> problems)
    {
        if (name is null || !template.Conditions.ContainsKey(name))
        {
            problems.Add($"{path}: condition '{name}' is not defined");
        }
    }

    /// <summary><c>${Name}</c> or <c>${Resource.Attribute}</c>; <c>${!Literal}</c> is text.</summary>
    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubVariable();
}
