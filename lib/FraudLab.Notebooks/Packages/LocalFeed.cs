using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace FraudLab.Notebooks.Packages;

/// <summary>
/// A package source that is a folder (flat <c>*.nupkg</c> files, or NuGet's <c>id/version/</c> layout).
/// Such a feed can be re-packed with the same version (the kit's own library is), so restores are keyed
/// by its files' sizes and times, and a stale extracted copy of a re-packed package is removed before restoring.
/// </summary>
internal sealed class LocalFeed(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>One line per package file: enough to notice a re-pack without reading the files.</summary>
    public IEnumerable<string> Fingerprint() =>
        PackageFiles()
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}");

    /// <summary>Deletes the extracted copy of any package of this feed whose content hash no longer matches the feed's file.</summary>
    public void EvictStaleCopies(string packagesFolder)
    {
        foreach (var file in PackageFiles())
        {
            if (ReadIdentity(file) is not var (id, version))
            {
                continue;
            }

            var extracted = Path.Combine(packagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
            var hashFile = Path.Combine(extracted, $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg.sha512");
            if (File.Exists(hashFile) && File.ReadAllText(hashFile).Trim() != Sha512(file))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    private IEnumerable<string> PackageFiles()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var flat = Directory.EnumerateFiles(Folder, "*.nupkg");
        var hierarchical = Directory.EnumerateDirectories(Folder)
            .SelectMany(Directory.EnumerateDirectories)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.nupkg"));
        return flat.Concat(hierarchical);
    }

    private static (string Id, string Version)? ReadIdentity(string nupkg)
    {
        try
        {
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            if (nuspec is null)
            {
                return null;
            }

            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            var id = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value;
            var version = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value;
            return id is null || version is null ? null : (id, version);
        }
        catch (InvalidDataException)
        {
            return null; // not a zip: NuGet itself will report it
        }
    }

    private static string Sha512(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }
}
