using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace FraudLab.Notebooks.Packages;

/// <summary>
/// Makes native libraries of restored packages loadable. Script-loaded assemblies are not in the host's
/// deps.json, so the runtime's own probing cannot find their native assets; this hooks every load context's
/// <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/> and probes the registered folders.
/// Process-wide by nature (native libraries are), so it is a static registry that only ever grows.
/// </summary>
internal static class NativeLibraryProbe
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Directories = [];
    private static readonly HashSet<AssemblyLoadContext> HookedContexts = [];
    private static bool _installed;

    public static void AddDirectory(string directory)
    {
        lock (Gate)
        {
            if (!Directories.Contains(directory))
            {
                Directories.Add(directory);
            }

            if (!_installed)
            {
                _installed = true;
                AppDomain.CurrentDomain.AssemblyLoad += (_, args) => Hook(AssemblyLoadContext.GetLoadContext(args.LoadedAssembly));
                foreach (var context in AssemblyLoadContext.All)
                {
                    HookLocked(context);
                }
            }
        }
    }

    private static void Hook(AssemblyLoadContext? context)
    {
        if (context is null)
        {
            return;
        }

        lock (Gate)
        {
            HookLocked(context);
        }
    }

    private static void HookLocked(AssemblyLoadContext context)
    {
        if (HookedContexts.Add(context))
        {
            context.ResolvingUnmanagedDll += Resolve;
        }
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        string[] directories;
        lock (Gate)
        {
            directories = [.. Directories];
        }

        foreach (var directory in directories)
        {
            foreach (var candidate in new[] { name, $"{name}.so", $"lib{name}.so", $"{name}.dylib", $"lib{name}.dylib", $"{name}.dll" })
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }
}
