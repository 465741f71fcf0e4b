using FraudDetection.Configuration;

namespace FraudDetection.Stack;

/// <summary>Everything one deployment needs: the stack, the files, the image tag and the template parameters to set.</summary>
public sealed record StackDeployment(
    StackTarget Stack,
    string TemplateFile,
    string ProcessorProject,
    string ImageTag,
    IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Paths from <paramref name="options"/> resolved under the kit's root; the image tag is the UTC time of the deployment.</summary>
    public static StackDeployment Create(StackOptions options, StackTarget stack, KitPaths paths, TimeProvider time, IReadOnlyList<KeyValuePair<string, string>> parameters) => new(
        stack,
        Path.Combine(paths.Root, options.TemplateFile),
        Path.Combine(paths.Root, options.ProcessorProject),
        time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture),
        parameters);
}
