namespace FraudLab.Notebooks.Formatting;

/// <summary><c>x.Display()</c> in notebook cells (this namespace is imported by default).</summary>
public static class DisplayExtensions
{
    /// <summary>Shows the value as a <c>display_data</c> output of the running cell, formatted for each mime type.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => new(value, mimeTypes);
}
