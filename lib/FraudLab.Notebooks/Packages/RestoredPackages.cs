namespace FraudLab.Notebooks.Packages;

/// <summary>What a restore produced: the managed assemblies to reference and the folder holding native libraries.</summary>
internal sealed record RestoredPackages(IReadOnlyList<string> AssemblyPaths, string NativeDirectory);
