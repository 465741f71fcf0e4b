namespace FraudDetection.Charts;

/// <summary>JSON placed inside an HTML <c>&lt;script&gt;</c> element.</summary>
internal static class ChartJson
{
    /// <summary>
    /// Escapes every <c>&lt;</c> as <c>\u003c</c>: a customer name or merchant containing <c>&lt;/script&gt;</c> would
    /// otherwise end the script element early. In JSON, <c>&lt;</c> only occurs inside strings, where the escape means
    /// the same character, so the value is unchanged for JavaScript and for JSON parsers alike.
    /// </summary>
    public static string ForScript(string json) => json.Replace("<", "\\u003c", StringComparison.Ordinal);
}
