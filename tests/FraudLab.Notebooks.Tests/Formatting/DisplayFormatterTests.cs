using FraudLab.Notebooks.Formatting;
using FraudLab.Notebooks.Ipynb;
using Microsoft.AspNetCore.Html;

namespace FraudLab.Notebooks.Tests.Formatting;

public sealed class DisplayFormatterTests
{
    [Fact]
    public void An_object_gets_html_and_plain_text()
    {
        var bundle = DisplayFormatter.Format(new[] { 1, 2 });

        Assert.Equal([MimeBundle.Html, MimeBundle.PlainText], bundle.Keys);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>[ 1, 2 ]</pre></div>", bundle.Text(MimeBundle.Html));
        Assert.Equal("[ 1, 2 ]", bundle.Text(MimeBundle.PlainText));
    }

    [Fact]
    public void A_string_is_plain_text_only()
    {
        Assert.Equal([MimeBundle.PlainText], DisplayFormatter.Format("text").Keys);
    }

    [Fact]
    public void Html_content_is_html_only_and_unchanged()
    {
        var bundle = DisplayFormatter.Format(new HtmlString("<svg></svg>"));

        Assert.Equal([MimeBundle.Html], bundle.Keys);
        Assert.Equal("<svg></svg>", bundle.Text(MimeBundle.Html));
    }

    [Fact]
    public void Requested_mime_types_replace_the_defaults()
    {
        var bundle = DisplayFormatter.Format(42, [MimeBundle.PlainText]);

        Assert.Equal("42", Assert.Single(bundle).Value!.GetValue<string>());
    }
}
