namespace Cfn.Tests.Support;

/// <summary>
/// Properties the template uses that AWS added after specification 117.0.0 (April 2023).
/// Each entry is checked by hand against the current CloudFormation documentation and says why it is needed.
/// </summary>
public static class NewerThanSpecification
{
    public static readonly IReadOnlyDictionary<string, string> Properties = new Dictionary<string, string>
    {
        // Added to AWS::ECR::Repository in late 2023. Without it deleting the stack fails while the
        // repository still holds processor images; with it `fraudlab stack delete` removes everything.
        ["AWS::ECR::Repository.EmptyOnDelete"] = "Boolean",
    };

    /// <summary>Attributes (for Fn::GetAtt) that AWS added after the specification.</summary>
    public static readonly IReadOnlyDictionary<string, string> Attributes = new Dictionary<string, string>
    {
        // AWS::MSK::Configuration gained LatestRevision (CreationTime, Description, Revision) in the registry schema; the
        // cluster's ConfigurationInfo.Revision follows it, so an edited ServerProperties is applied (cfn-lint knows it).
        ["AWS::MSK::Configuration.LatestRevision.Revision"] = "Integer",
    };

    public static bool AllowsProperty(string owner, string property) => Properties.ContainsKey($"{owner}.{property}");

    public static bool AllowsAttribute(string resourceType, string attribute) => Attributes.ContainsKey($"{resourceType}.{attribute}");
}
