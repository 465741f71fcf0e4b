namespace FraudLab.Notebooks.Packages;

/// <summary>A NuGet restore that failed; the message names the packages and NuGet's own error lines.</summary>
internal sealed class PackageRestoreException(string message) : Exception(message);
