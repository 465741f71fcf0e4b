using System.Text.Json.Nodes;

namespace Cfn.Tests.Support;

/// <summary>
/// The CloudFormation resource specification from the npm package <c>@aws-cdk/cfnspec</c>, pinned in
/// package.json and installed by <c>./download.sh</c> (<c>npm ci</c>). Its age: package 2.72.1 carries
/// specification 117.0.0 (April 2023), so anything AWS added later needs an entry in
/// <see cref="NewerThanSpecification"/>.
/// </summary>
public sealed class ResourceSpecification
{
    public const string RelativePath = "node_modules/@aws-cdk/cfnspec/spec/specification.json";

    private static readonly Lazy<ResourceSpecification> Installed = new(Load);

    private ResourceSpecification(JsonObject root)
    {
        ResourceTypes = root["ResourceTypes"]!.AsObject();
        PropertyTypes = root["PropertyTypes"]!.AsObject();
        Version = root["ResourceSpecificationVersion"]?.GetValue<string>() ?? "unknown";
    }

    public static ResourceSpecification Kit => Installed.Value;

    public string Version { get; }

    public JsonObject ResourceTypes { get; }

    public JsonObject PropertyTypes { get; }

    public JsonObject? Resource(string type) => ResourceTypes[type] as JsonObject;

    /// <summary>A property type of <paramref name="resourceType"/> (<c>AWS::X::Y.Name</c>), or a shared one such as <c>Tag</c>.</summary>
    public JsonObject? PropertyType(string resourceType, string name) =>
        PropertyTypes[$"{resourceType}.{name}"] as JsonObject ?? PropertyTypes[name] as JsonObject;

    public bool HasAttribute(string resourceType, string attribute) =>
        Resource(resourceType)?["Attributes"] is JsonObject attributes && attributes.ContainsKey(attribute)
        || NewerThanSpecification.AllowsAttribute(resourceType, attribute);

    private static ResourceSpecification Load()
    {
        var path = KitRepository.PathOf(RelativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"the CloudFormation resource specification is missing ({path}); run ./download.sh (it runs `npm ci`) and test again", path);
        }

        return new ResourceSpecification(JsonNode.Parse(File.ReadAllText(path))!.AsObject());
    }
}
