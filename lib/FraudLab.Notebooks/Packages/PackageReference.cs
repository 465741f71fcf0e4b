namespace FraudLab.Notebooks.Packages;

/// <summary>A NuGet package a notebook asks for with <c>#r "nuget: Id, Version"</c>; no version means the newest.</summary>
internal sealed record PackageReference(string Id, string? Version)
{
    /// <summary>The version MSBuild is given: a missing version floats to the newest stable release, as .NET Interactive does.</summary>
    public string VersionOrLatest => string.IsNullOrWhiteSpace(Version) ? "*" : Version;

    public override string ToString() => Version is null ? Id : $"{Id}, {Version}";
}
