using FraudDetection.Configuration;

namespace Cfn.Tests.Support;

/// <summary>The kit's repository root, found from the test binary the way the kit finds itself.</summary>
public static class KitRepository
{
    public static string Root { get; } = KitPaths.TryFindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"no {KitPaths.SolutionFileName} above {AppContext.BaseDirectory}; run the tests from the repository");

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
