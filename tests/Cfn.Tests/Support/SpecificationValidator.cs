using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cfn.Tests.Support;

/// <summary>
/// Checks resources against the resource specification: the type exists, every property exists,
/// required properties are present, and values match the primitive, list, map or structured type.
/// Intrinsic functions are accepted where a value is expected (their result is only known at deploy
/// time), except <c>Fn::If</c>, whose branches are checked as if written in place.
/// </summary>
public sealed class SpecificationValidator(ResourceSpecification specification)
{
    private static readonly HashSet<string> ResourceKeys =
        ["Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy"];

    public IReadOnlyList<string> Validate(StackTemplate template)
    {
        var problems = new List<string>();
        foreach (var (name, node) in template.Resources)
        {
            ValidateResource($"Resources.{name}", node as JsonObject, problems);
        }

        return problems;
    }

    private void ValidateResource(string path, JsonObject? resource, List<string> problems)
    {
        if (resource is null)
        {
            problems.Add($"{path}: not a mapping");
            return;
        }

        foreach (var key in resource.Select(p => p.Key).Where(k => !ResourceKeys.Contains(k)))
        {
            problems.Add($"{path}.{key}: not a resource attribute CloudFormation knows");
        }

        var type = StackTemplate.TypeOf(resource);
        if (specification.Resource(type) is not { } spec)
        {
            problems.Add($"{path}: resource type '{type}' is not in the specification");
            return;
        }

        ValidateStructure($"{path}.Properties", type, type, spec, resource["Properties"] ?? new JsonObject(), problems);
    }

    /// <summary>Checks an object against a resource or property type whose properties are in <paramref name="spec"/>.</summary>
    private void ValidateStructure(string path, string resourceType, string owner, JsonObject spec, JsonNode value, List<string> problems)
    {
        if (TemplateNodes.IsCall(value, "Fn::If", out var branches))
        {
            ValidateBranches(path, branches, branch => ValidateStructure(path, resourceType, owner, spec, branch, problems), problems);
            return;
        }

        if (TemplateNodes.IsIntrinsic(value))
        {
            return;
        }

        if (value is not JsonObject obj)
        {
            problems.Add($"{path}: expected a mapping for {owner}");
            return;
        }

        var properties = spec["Properties"] as JsonObject ?? [];
        foreach (var (name, child) in obj)
        {
            if (properties[name] is JsonObject propertySpec)
            {
                ValidateValue($"{path}.{name}", resourceType, propertySpec, child, problems);
            }
            else if (!NewerThanSpecification.AllowsProperty(owner, name))
            {
                problems.Add($"{path}.{name}: {owner} has no property '{name}' in specification {specification.Version}");
            }
        }

        foreach (var (name, propertySpec) in properties)
        {
            if (propertySpec?["Required"]?.GetValue<bool>() == true && !obj.ContainsKey(name))
            {
                problems.Add($"{path}: required property '{name}' of {owner} is missing");
            }
        }
    }

    private void ValidateValue(string path, string resourceType, JsonObject propertySpec, JsonNode? value, List<string> problems)
    {
        if (TemplateNodes.IsCall(value, "Fn::If", out var branches))
        {
            ValidateBranches(path, branches, branch => ValidateValue(path, resourceType, propertySpec, branch, problems), problems);
            return;
        }

        if (TemplateNodes.IsIntrinsic(value))
        {
            return;
        }

        if (propertySpec["PrimitiveType"]?.GetValue<string>() is { } primitive)
        {
            CheckPrimitive(path, primitive, value, problems);
            return;
        }

        var type = propertySpec["Type"]?.GetValue<string>();
        var itemSpec = new JsonObject();
        if (propertySpec["PrimitiveItemType"]?.GetValue<string>() is { } primitiveItem)
        {
            itemSpec["PrimitiveType"] = primitiveItem;
        }
        else if (propertySpec["ItemType"]?.GetValue<string>() is { } itemType)
        {
            itemSpec["Type"] = itemType;
        }

        switch (type)
        {
            case "List" when value is JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    ValidateValue($"{path}[{i}]", resourceType, itemSpec, list[i], problems);
                }

                break;
            case "Map" when value is JsonObject map:
                foreach (var (key, item) in map)
                {
                    ValidateValue($"{path}.{key}", resourceType, itemSpec, item, problems);
                }

                break;
            case "List" or "Map":
                problems.Add($"{path}: expected a {type}");
                break;
            case { } structured when specification.PropertyType(resourceType, structured) is { } structureSpec:
                ValidateStructure(path, resourceType, $"{resourceType}.{structured}", structureSpec, value ?? new JsonObject(), problems);
                break;
            default:
                problems.Add($"{path}: the specification names no type '{type}' for {resourceType}");
                break;
        }
    }

    private static void ValidateBranches(string path, JsonNode? branches, Action<JsonNode> validate, List<string> problems)
    {
        if (branches is not JsonArray { Count: 3 } args)
        {
            problems.Add($"{path}: Fn::If needs [condition, value if true, value if false]");
            return;
        }

        foreach (var branch in args.Skip(1))
        {
            if (!(TemplateNodes.IsCall(branch, "Ref", out var target) && TemplateNodes.AsString(target) == "AWS::NoValue"))
            {
                validate(branch!);
            }
        }
    }

    /// <summary>CloudFormation converts scalars the way the checks below allow (e.g. "5" for an Integer).</summary>
    private static void CheckPrimitive(string path, string primitive, JsonNode? value, List<string> problems)
    {
        var scalar = value as JsonValue;
        var text = scalar is null ? null : scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
        var ok = primitive switch
        {
            "String" or "Timestamp" => scalar is not null,
            "Integer" or "Long" => text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "Double" => text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "Boolean" => text is "true" or "false",
            "Json" => value is JsonObject or JsonArray || scalar?.GetValueKind() == JsonValueKind.String,
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{path}: expected {primitive}, got {value?.ToJsonString() ?? "null"}");
        }
    }
}
