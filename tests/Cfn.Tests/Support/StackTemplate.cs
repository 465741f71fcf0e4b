using System.Text.Json.Nodes;

namespace Cfn.Tests.Support;

/// <summary>The kit's CloudFormation template, parsed once, with typed access to its sections.</summary>
public sealed class StackTemplate
{
    public const string RelativePath = "cfn/fraud-detection-stack.yaml";

    private static readonly Lazy<StackTemplate> Shipped = new(() => Parse(File.ReadAllText(KitRepository.PathOf(RelativePath))));

    public StackTemplate(JsonObject root) => Root = root;

    /// <summary>The template in the repository.</summary>
    public static StackTemplate Kit => Shipped.Value;

    public JsonObject Root { get; }

    public JsonObject Parameters => Section("Parameters");

    public JsonObject Resources => Section("Resources");

    public JsonObject Outputs => Section("Outputs");

    public JsonObject Conditions => Section("Conditions");

    public JsonObject Mappings => Section("Mappings");

    public static StackTemplate Parse(string yaml) => CfnYamlReader.Read(yaml) is JsonObject root
        ? new StackTemplate(root)
        : throw new InvalidDataException("the template's root is not a mapping");

    /// <summary>A deep copy to mutate in a test without touching <see cref="Kit"/>.</summary>
    public StackTemplate Clone() => new(Root.DeepClone().AsObject());

    public IEnumerable<(string Name, string Type, JsonObject Resource)> ResourcesOfType(string type) =>
        Resources.Select(r => (r.Key, Type: TypeOf(r.Value), Resource: r.Value!.AsObject())).Where(r => r.Type == type);

    public static string TypeOf(JsonNode? resource) => resource?["Type"]?.GetValue<string>() ?? string.Empty;

    private JsonObject Section(string name) => Root[name] as JsonObject ?? [];
}
