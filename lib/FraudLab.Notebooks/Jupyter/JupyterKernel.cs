using System.Diagnostics;
using System.Text.Json;

namespace FraudLab.Notebooks.Jupyter;

/// <summary>
/// A Jupyter kernel that was found usable: a Python that imports nbclient, the kernel spec <see cref="KernelName"/> in
/// the Jupyter data folder <see cref="JupyterPath"/> (passed as JUPYTER_PATH, never the user's global one), and the
/// program its spec starts answering from the notebooks' folder.
/// </summary>
public sealed record JupyterKernel(string Python, string JupyterPath, string KernelName)
{
    /// <summary>The .NET Interactive kernel spec name (<c>dotnet interactive jupyter install</c> names it so).</summary>
    public const string DotNetCSharp = ".net-csharp";

    /// <summary>
    /// Finds the kernel <paramref name="kernelName"/> registered in <paramref name="jupyterPath"/> and checks that its
    /// program starts from <paramref name="notebookFolder"/> (a local tool resolves its manifest from there).
    /// Throws <see cref="KernelUnavailableException"/> naming what is missing.
    /// </summary>
    public static JupyterKernel Locate(string jupyterPath, string kernelName, string notebookFolder)
    {
        var python = FindPython() ?? throw new KernelUnavailableException(
            "no python3 with nbclient (Debian: apt-get install python3-nbclient jupyter-nbconvert)");
        var spec = Path.Combine(jupyterPath, "kernels", kernelName, "kernel.json");
        if (!File.Exists(spec))
        {
            throw new KernelUnavailableException($"the Jupyter kernel '{kernelName}' is not registered: no {spec}");
        }

        var argv = ReadArgv(spec);
        // The spec's program without the kernel's own arguments: dotnet tool run dotnet-interactive -- --version.
        var separator = argv.IndexOf("--");
        var program = separator > 0 ? argv[..separator] : argv.Take(1).ToList();
        var (exit, output) = Run(program[0], [.. program.Skip(1), "--", "--version"], notebookFolder, TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw new KernelUnavailableException($"the kernel program of '{kernelName}' ({string.Join(' ', program)}) does not start in {notebookFolder}: {FirstLine(output)}");
        }

        return new JupyterKernel(python, jupyterPath, kernelName);
    }

    private static List<string> ReadArgv(string spec)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(spec));
            var argv = document.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString() ?? "").ToList();
            return argv.Count > 0 ? argv : throw new KernelUnavailableException($"{spec}: argv is empty");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new KernelUnavailableException($"{spec} is not a kernel spec: {ex.Message}");
        }
    }

    /// <summary>FRAUDLAB_PYTHON if set, else Debian's python3 (where python3-nbclient installs), else python3 on PATH: the first that imports nbclient.</summary>
    private static string? FindPython()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("FRAUDLAB_PYTHON"), "/usr/bin/python3", "python3" };
        return candidates
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Distinct()
            .FirstOrDefault(c => Run(c!, ["-c", "import nbclient, nbformat"], Environment.CurrentDirectory, TimeSpan.FromSeconds(30)).Exit == 0);
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";

    internal static (int Exit, string Output) Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"no answer within {timeout.TotalSeconds:0} s");
            }

            return (process.ExitCode, stderr.Result + stdout.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{program}: {ex.Message}");
        }
    }
}
