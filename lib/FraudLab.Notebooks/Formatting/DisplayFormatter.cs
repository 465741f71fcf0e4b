using FraudLab.Notebooks.Ipynb;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace FraudLab.Notebooks.Formatting;

/// <summary>
/// Turns a value into a mime bundle with Microsoft.DotNet.Interactive.Formatting, as .NET Interactive does:
/// the type's preferred mime types (<c>text/html</c> for most objects, <c>text/plain</c> for strings), plus a
/// <c>text/plain</c> fallback for anything that is not already HTML content.
/// </summary>
public static class DisplayFormatter
{
    public static MimeBundle Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var types = mimeTypes is { Count: > 0 } ? [.. mimeTypes] : DefaultMimeTypes(value);
        var bundle = new MimeBundle();
        foreach (var mimeType in types)
        {
            bundle[mimeType] = value.ToDisplayString(mimeType);
        }

        return bundle;
    }

    private static List<string> DefaultMimeTypes(object? value)
    {
        var types = Formatter.GetPreferredMimeTypesFor(value?.GetType()).ToList();
        if (value is not IHtmlContent && !types.Contains(MimeBundle.PlainText))
        {
            types.Add(MimeBundle.PlainText);
        }

        return types;
    }
}
