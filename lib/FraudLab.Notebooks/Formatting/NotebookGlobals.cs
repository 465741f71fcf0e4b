using Microsoft.AspNetCore.Html;

namespace FraudLab.Notebooks.Formatting;

/// <summary>
/// The script globals of every cell: the helpers .NET Interactive's C# kernel brings into scope
/// (<c>using static Microsoft.DotNet.Interactive.Kernel</c>). Named in lower case where the kernel's are.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Shows a value as a <c>display_data</c> output; returns a handle to update it in place.</summary>
    public DisplayedValue display(object? value, params string[] mimeTypes) => new(value, mimeTypes);

    /// <summary>Marks a string as HTML, displayed as <c>text/html</c> as is.</summary>
    public IHtmlContent HTML(string html) => new HtmlString(html);
}
