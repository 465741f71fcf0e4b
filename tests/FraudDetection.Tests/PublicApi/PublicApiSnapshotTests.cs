using System.Reflection;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using PublicApiGenerator;

namespace FraudDetection.Tests.PublicApi;

/// <summary>
/// The library's public surface is what notebooks and users program against: any change to it shows up here as a
/// diff against the approved file, to be reviewed and approved on purpose (copy the .received file over the
/// .approved one). One snapshot per assembly the notebooks load: the core and the library on top of it.
/// </summary>
public sealed class PublicApiSnapshotTests
{
    [Fact]
    public void The_public_api_of_FraudDetection_is_the_approved_one() => AssertApproved(typeof(KitConfiguration).Assembly, "FraudDetection");

    [Fact]
    public void The_public_api_of_FraudDetection_Core_is_the_approved_one() => AssertApproved(typeof(DetectionEngine).Assembly, "FraudDetection.Core");

    private static void AssertApproved(Assembly assembly, string name)
    {
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Compiler-generated markers say how a member is implemented, not what it offers.
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
                "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
                "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
                "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
            ],
        });
        var folder = Path.Combine(KitPaths.TryFindRoot(AppContext.BaseDirectory)!, "tests", "FraudDetection.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        if (approved != api.ReplaceLineEndings("\n"))
        {
            File.WriteAllText(receivedPath, api);
            Assert.Fail($"the public API of {name} changed: compare {receivedPath} with {approvedPath}, and copy it over if the change is intended");
        }

        File.Delete(receivedPath);
    }
}
