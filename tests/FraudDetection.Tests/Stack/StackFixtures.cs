using FraudDetection.Configuration;

namespace FraudDetection.Tests.Stack;

/// <summary>JSON captured in the shape the AWS CLI prints, under tests/FraudDetection.Tests/Stack/Fixtures.</summary>
internal static class StackFixtures
{
    public static string Directory { get; } = Path.Combine(
        KitPaths.TryFindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("run the tests from the kit's repository"),
        "tests", "FraudDetection.Tests", "Stack", "Fixtures");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
