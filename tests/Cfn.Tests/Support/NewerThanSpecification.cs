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

    public static bool AllowsProperty(string owner, string property) => Properties.ContainsKey($"{owner}.{property}");
}
