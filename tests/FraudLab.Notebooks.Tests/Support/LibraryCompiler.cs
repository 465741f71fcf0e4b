using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FraudLab.Notebooks.Tests.Support;

/// <summary>Compiles a small C# library in-process with Roslyn (no build, no SDK), for <c>#r</c> and package tests.</summary>
public static class LibraryCompiler
{
    public static byte[] Compile(string assemblyName, string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return image.ToArray();
    }

    public static void CompileTo(string path, string code)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Compile(Path.GetFileNameWithoutExtension(path), code));
    }
}
