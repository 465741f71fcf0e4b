using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FraudLab.Notebooks.Packages;

/// <summary>
/// Resolves <c>#r "nuget:"</c> references with a real NuGet restore: a throw-away project with those
/// PackageReferences is published once into a cache folder keyed by (packages, sources, local feed files),
/// and every managed assembly of the output is referenced. Publishing for the current runtime identifier puts
/// native assets (e.g. librdkafka) next to the assemblies, where <see cref="NativeLibraryProbe"/> finds them.
/// Restores use their own packages folder so that a local feed re-packed with the same version is never
/// shadowed by an older extracted copy in the user's global NuGet cache, and an unreachable source is skipped
/// (offline, everything may still come from local feeds and that folder).
/// </summary>
internal sealed class NuGetRestorer(string cacheRoot)
{
    private const string ProjectName = "notebook-packages";
    private const string ManifestName = "assemblies.json";

    /// <summary>Part of the cache key: bump it when the generated project changes, so old entries are not reused.</summary>
    private const string ProjectFormat = "3";

    /// <summary><c>$XDG_CACHE_HOME/fraudlab/nuget-scripts</c>, else <c>~/.cache/fraudlab/nuget-scripts</c>.</summary>
    public static string DefaultCacheRoot
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrWhiteSpace(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "fraudlab", "nuget-scripts");
        }
    }

    public async Task<RestoredPackages> RestoreAsync(
        IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var feeds = sources.Where(Directory.Exists).Select(s => new LocalFeed(s)).ToList();
        var entry = Path.Combine(cacheRoot, CacheKey(packages, sources, feeds));
        var output = Path.Combine(entry, "out");
        var manifest = Path.Combine(entry, ManifestName);

        Directory.CreateDirectory(entry);
        using (await FileLock.AcquireAsync(Path.Combine(entry, ".lock"), cancellationToken))
        {
            if (!File.Exists(manifest))
            {
                var packagesFolder = Path.Combine(cacheRoot, "packages");
                feeds.ForEach(f => f.EvictStaleCopies(packagesFolder));
                WriteIsolationFiles();
                var project = WriteProject(entry, packages, sources, packagesFolder);
                await PublishAsync(project, output, packages, cancellationToken);
                File.WriteAllText(manifest, JsonSerializer.Serialize(ManagedAssemblies(output)));
            }
        }

        var assemblies = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(manifest)) ?? [];
        return new RestoredPackages(assemblies, output);
    }

    private static string CacheKey(IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources, IEnumerable<LocalFeed> feeds)
    {
        var text = new StringBuilder()
            .AppendJoin('\n', packages.Select(p => $"package {p.Id.ToLowerInvariant()} {p.VersionOrLatest}").Order(StringComparer.Ordinal))
            .Append('\n').AppendJoin('\n', sources.Select(s => $"source {s}"))
            .Append('\n').AppendJoin('\n', feeds.SelectMany(f => f.Fingerprint()))
            .Append('\n').Append(RuntimeInformation.RuntimeIdentifier).Append(' ').Append(Environment.Version).Append(' ').Append(ProjectFormat);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>Empty MSBuild files at the cache root stop the build from inheriting settings of a folder above it.</summary>
    private void WriteIsolationFiles()
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            var path = Path.Combine(cacheRoot, name);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, "<Project />\n");
            }
        }
    }

    private static string WriteProject(string entry, IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources, string packagesFolder)
    {
        static string Xml(string value) => SecurityElement.Escape(value);
        var references = string.Concat(packages.Select(p =>
            $"""    <PackageReference Include="{Xml(p.Id)}" Version="{Xml(p.VersionOrLatest)}" />{"\n"}"""));
        var project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
                <OutputType>Library</OutputType>
                <ImplicitUsings>disable</ImplicitUsings>
                <SelfContained>false</SelfContained>
                <UseAppHost>false</UseAppHost>
                <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                <RestorePackagesPath>{Xml(packagesFolder)}</RestorePackagesPath>
                <RestoreAdditionalProjectSources>{Xml(string.Join(';', sources))}</RestoreAdditionalProjectSources>
                <NuGetAudit>false</NuGetAudit>
                <RestoreIgnoreFailedSources>true</RestoreIgnoreFailedSources>
                <NoWarn>$(NoWarn);NU1603;NU1701</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """;
        var folder = Path.Combine(entry, "project");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ProjectName + ".csproj");
        File.WriteAllText(path, project);
        return path;
    }

    private static async Task PublishAsync(string project, string output, IReadOnlyList<PackageReference> packages, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        // No build servers: a restore is rare (cached), and a notebook run should leave no daemon processes behind.
        string[] arguments =
        [
            "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", output,
            "-nologo", "-v", "q", "-clp:NoSummary", "-nodeReuse:false", "-p:UseSharedCompilation=false",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        DotnetHost.IsolateFromParentBuild(start.Environment);
        using var process = Process.Start(start) ?? throw new PackageRestoreException("could not start 'dotnet' to restore packages");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var errors = (await stdout + "\n" + await stderr)
                .Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Replace(project, "", StringComparison.Ordinal).Trim(' ', '[', ']', '\r'))
                .Distinct()
                .Take(5);
            throw new PackageRestoreException(
                $"could not restore {string.Join("; ", packages)}: {string.Join(" | ", errors)}");
        }
    }

    private static List<string> ManagedAssemblies(string output) =>
        Directory.EnumerateFiles(output, "*.dll")
            .Where(p => Path.GetFileNameWithoutExtension(p) != ProjectName && IsManaged(p))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsManaged(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var reader = new PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
