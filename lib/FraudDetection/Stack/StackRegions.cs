namespace FraudDetection.Stack;

/// <summary>
/// The regions the kit deploys to: those where every resource type of cfn/fraud-detection-stack.yaml exists
/// (AWS::Pipes::Pipe and AWS::MSK::* are the rare ones) and two availability zone IDs MSK accepts are known.
/// The template's <c>RegionZones</c> mapping has exactly these keys, and cfn-lint checks the template against each
/// of them (tests/Cfn.Tests); add a region in both places, with its zone IDs, and the lint decides.
/// </summary>
public static class StackRegions
{
    public static IReadOnlyList<string> Supported { get; } =
    [
        "us-east-1", "us-east-2", "us-west-2", "ca-central-1",
        "eu-west-1", "eu-west-2", "eu-central-1",
        "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1",
    ];

    /// <summary>Returns <paramref name="region"/>, or throws one line naming the supported regions.</summary>
    public static string EnsureSupported(string region) =>
        Supported.Contains(region, StringComparer.Ordinal)
            ? region
            : throw new StackException(
                $"region '{region}' lacks resource types the stack needs (MSK, EventBridge Pipes ...) or is not checked: use one of {string.Join(", ", Supported)} (--region)");
}
