using System.Xml.Linq;
using FraudDetection.Configuration;
using FraudDetection.Detection;

namespace FraudDetection.Tests.Architecture;

/// <summary>
/// The core stays pure because its project cannot reach an I/O package: these tests read the project files (what the
/// compiler is allowed to see) and the built assembly (what it did reference) and fail on anything outside the lists.
/// A new entry here is a design decision: say in lib/README.md why the core needs it.
/// </summary>
public sealed class CoreBoundaryTests
{
    /// <summary>Bogus: a seeded <c>Randomizer</c> and data sets read from its embedded resources; no socket, file or clock.</summary>
    private static readonly string[] AllowedPackages = ["Bogus"];

    private static readonly string[] AllowedProjects = [];

    /// <summary>Assemblies that would bring a socket, a file system, a clock or a framework with them.</summary>
    private static readonly string[] ForbiddenAssemblyPrefixes =
    [
        "Confluent.", "AWSSDK.", "Polly", "Plotly", "Microsoft.Extensions.", "FraudDetection,", "FraudLab.",
        "System.Net.Sockets", "System.Net.Http", "System.IO.FileSystem", "System.Diagnostics.Process", "System.Threading.Timer",
    ];

    private static string Root => KitPaths.TryFindRoot(AppContext.BaseDirectory)!;

    [Fact]
    public void The_core_project_references_only_the_allowed_packages_and_projects()
    {
        var project = XDocument.Load(Path.Combine(Root, "lib", "FraudDetection.Core", "FraudDetection.Core.csproj"));

        var packages = Includes(project, "PackageReference");
        var projects = Includes(project, "ProjectReference");

        Assert.Empty(packages.Except(AllowedPackages));
        Assert.Empty(projects.Except(AllowedProjects));
        Assert.Empty(Includes(project, "Reference").Concat(Includes(project, "FrameworkReference")));
    }

    [Fact]
    public void No_shared_build_file_adds_a_package_to_every_project()
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets" })
        {
            var path = Path.Combine(Root, name);
            if (File.Exists(path))
            {
                Assert.Empty(Includes(XDocument.Load(path), "PackageReference").Concat(Includes(XDocument.Load(path), "ProjectReference")));
            }
        }
    }

    [Fact]
    public void The_built_core_references_no_io_assembly()
    {
        var references = typeof(DetectionEngine).Assembly.GetReferencedAssemblies().Select(a => a.FullName).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => ForbiddenAssemblyPrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_library_stands_on_the_core()
    {
        var library = typeof(KitConfiguration).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.Contains(typeof(DetectionEngine).Assembly.GetName().Name, library);
    }

    private static List<string> Includes(XDocument project, string element) =>
        project.Descendants().Where(e => e.Name.LocalName == element)
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .Select(i => Path.GetFileNameWithoutExtension(i.Replace('\\', '/')) is var file && i.EndsWith(".csproj", StringComparison.Ordinal) ? file : i)
            .ToList();
}
