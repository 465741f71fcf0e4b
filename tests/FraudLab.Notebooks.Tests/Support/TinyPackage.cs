using System.IO.Compression;
using System.Text;

namespace FraudLab.Notebooks.Tests.Support;

/// <summary>
/// Writes a real one-assembly .nupkg (nuspec + lib/net10.0) into a folder feed, the way download.sh packs the
/// kit's library, without paying for a <c>dotnet pack</c> build: the assembly is compiled in-process.
/// </summary>
public static class TinyPackage
{
    public const string Version = "1.0.0";

    /// <summary>Packs <paramref name="id"/> whose <c>Tiny.Info.Message</c> returns <paramref name="message"/>; a re-pack overwrites the file.</summary>
    public static void Pack(string id, string message, string feed)
    {
        Directory.CreateDirectory(feed);
        var assembly = LibraryCompiler.Compile("Tiny", $"namespace Tiny; public static class Info {{ public static string Message => \"{message}\"; }}");
        var path = Path.Combine(feed, $"{id}.{Version}.nupkg");
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, $"{id}.nuspec", Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{Version}</version>
                <authors>FraudLab tests</authors>
                <description>A package for the notebook engine's restore tests.</description>
              </metadata>
            </package>
            """));
        Write(zip, "lib/net10.0/Tiny.dll", assembly);
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(content);
    }
}
