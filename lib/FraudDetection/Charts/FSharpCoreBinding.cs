using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace FraudDetection.Charts;

/// <summary>
/// Plotly.NET 6 is built against FSharp.Core 10.1, but a host may have loaded an older FSharp.Core before this
/// library: the .NET Interactive kernel (VS Code, Jupyter) brings its own FSharp.Core 10.0 for its F# kernel, and one
/// process holds one FSharp.Core. When the runtime cannot find the newer one, the loaded one is handed out instead, so
/// the charts build in the kernel (the notebooks' binding test proves they do). Never used where FSharp.Core 10.1
/// itself is there (the CLI, the tests): the handler runs only when loading has failed.
/// </summary>
internal static class FSharpCoreBinding
{
#pragma warning disable CA2255 // a library's module initializer: the handler must be in place before Plotly.NET is first touched
    [ModuleInitializer]
    internal static void Install() => AssemblyLoadContext.Default.Resolving += ResolveLoaded;
#pragma warning restore CA2255

    private static Assembly? ResolveLoaded(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == "FSharp.Core"
            ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            : null;
}
