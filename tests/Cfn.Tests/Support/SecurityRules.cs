using System.Text.Json.Nodes;

namespace Cfn.Tests.Support;

/// <summary>The template's security rules as queries that return the offending paths (empty = compliant).</summary>
public static class SecurityRules
{
    /// <summary>
    /// The only statements allowed <c>Resource: "*"</c>, each because AWS leaves no narrower choice:
    /// (resource, Sid or first action) → why.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Resource, string Statement), string> WildcardResourceAllowList =
        new Dictionary<(string, string), string>
        {
            // ecr:GetAuthorizationToken has no resource-level permissions; IAM accepts only "*".
            [("ProcessorExecutionRole", "ecr:GetAuthorizationToken")] = "no resource-level permissions",
            // In a key policy "*" means "this key". The account-root statement is the standard delegation to IAM
            // (without it the key could become unmanageable); roles still need their own key permissions.
            [("KitKey", "KeyAdministrationByAccount")] = "key policy: this key only, delegated to IAM",
            // CloudWatch Logs may use this key only for this stack's log groups (encryption-context condition).
            [("KitKey", "CloudWatchLogsOfThisStack")] = "key policy: this key only, conditioned on log group ARN",
        };

    /// <summary>Service-wide actions (<c>svc:*</c>) allowed, with the same justification as above.</summary>
    public static readonly IReadOnlySet<(string Resource, string Statement)> ServiceWideActionAllowList =
        new HashSet<(string, string)> { ("KitKey", "KeyAdministrationByAccount") };

    public static IEnumerable<string> OpenIngress(StackTemplate template)
    {
        foreach (var (name, type, resource) in template.ResourcesOfType("AWS::EC2::SecurityGroup"))
        {
            foreach (var (rule, i) in TemplateNodes.AsList(resource["Properties"]?["SecurityGroupIngress"]).Select((r, i) => (r, i)))
            {
                if (IsWorld(rule))
                {
                    yield return $"{name}.SecurityGroupIngress[{i}]";
                }
            }
        }

        foreach (var (name, _, resource) in template.ResourcesOfType("AWS::EC2::SecurityGroupIngress"))
        {
            if (IsWorld(resource["Properties"]))
            {
                yield return name;
            }
        }
    }

    public static IEnumerable<string> StatementsAllowingEverything(StackTemplate template) =>
        TemplateNodes.IamStatements(template).Where(s => s.Actions.Contains("*") || s.Statement["NotAction"] is not null).Select(s => s.Path);

    public static IEnumerable<string> ServiceWideActions(StackTemplate template) =>
        TemplateNodes.IamStatements(template)
            .Where(s => s.Allows && s.Actions.Any(a => a.EndsWith(":*", StringComparison.Ordinal)))
            .Where(s => !ServiceWideActionAllowList.Contains((s.ResourceName, s.Sid ?? string.Empty)))
            .Select(s => s.Path);

    public static IEnumerable<string> WildcardResources(StackTemplate template) =>
        TemplateNodes.IamStatements(template)
            .Where(s => s.Allows && (s.Resources.Contains("*") || s.Statement["NotResource"] is not null))
            .Where(s => !WildcardResourceAllowList.ContainsKey((s.ResourceName, s.Sid ?? s.Actions.FirstOrDefault() ?? string.Empty))
                || (s.Sid is null && s.Actions.Count != 1))
            .Select(s => s.Path);

    private static bool IsWorld(JsonNode? rule) =>
        TemplateNodes.AsString(rule?["CidrIp"]) is "0.0.0.0/0" || TemplateNodes.AsString(rule?["CidrIpv6"]) is "::/0" or "::0/0";
}
