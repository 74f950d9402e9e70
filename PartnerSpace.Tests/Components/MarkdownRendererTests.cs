using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

/// <summary>Organizer Markdown becomes HTML that cannot run code in a partner's browser (S-1.3).</summary>
[Trait("Spec", "S-1.3")]
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("<script>alert('xss')</script>Bonjour", "<script")]
    [InlineData("<SCRIPT src=https://evil.example/x.js></SCRIPT>", "evil.example")]
    [InlineData("<img src=\"https://cdn.example/x.png\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>", "onclick")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "alert")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:")]
    [InlineData("![x](data:image/png;base64,iVBORw0KGgo=)", "data:")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>", "style")]
    [InlineData("<style>body{display:none}</style>", "display")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "iframe")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">", "swf")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>", "form")]
    [InlineData("<svg onload=alert(1)>", "svg")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<a href=\"https://example.com\" target=\"_self\">x</a>", "_self")]
    [InlineData("<a href=\"https://example.com\" rel=\"opener\">x</a>", "\"opener\"")]
    public void DangerousMarkupIsRemoved(string markdown, string mustNotAppear)
    {
        var html = Renderer.ToSafeHtml(markdown);

        Assert.DoesNotContain(mustNotAppear, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ScriptTextDoesNotStayBehind() =>
        Assert.Equal("<p>Bonjour</p>", Renderer.ToSafeHtml("<p><script>alert('xss')</script>Bonjour</p>"));

    [Fact]
    public void ImagesComeOnlyFromOurFilesOrHttps()
    {
        var own = Guid.NewGuid();

        var html = Renderer.ToSafeHtml($"![plan](/files/{own}) ![cdn](https://cdn.example/a.png) ![plain](http://cdn.example/b.png) ![other](/elsewhere/c.png) ![far](//cdn.example/d.png)");

        Assert.Contains($"<img src=\"/files/{own}\" alt=\"plan\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.example/a.png\" alt=\"cdn\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("b.png", html, StringComparison.Ordinal);
        Assert.DoesNotContain("c.png", html, StringComparison.Ordinal);
        Assert.DoesNotContain("d.png", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksNeverHandTheirOpenerAndExternalOnesOpenANewTab()
    {
        var html = Renderer.ToSafeHtml("[site](https://example.com) [team](/partner/x/team) [mail](mailto:hello@example.com)");

        Assert.Contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\" target=\"_blank\">site</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/partner/x/team\" rel=\"noopener noreferrer\">team</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:hello@example.com\" rel=\"noopener noreferrer\">mail</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdinaryMarkdownSurvives()
    {
        const string markdown = """
            # Access

            ## Parking

            **Bold** and *italic* and ~~gone~~.

            - Hall A
            - Hall B

            1. First
            2. Second

            > Doors open at 8:00.

            `badge` and a [map](https://example.com/map).

            | Hall | Stand |
            |------|-------|
            | A    | 12    |
            """;

        var html = Renderer.ToSafeHtml(markdown);

        // The page title is the page's h1: the body's headings start one level below.
        Assert.Contains("<h2>Access</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Parking</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>italic</em>", html, StringComparison.Ordinal);
        Assert.Contains("<del>gone</del>", html, StringComparison.Ordinal);
        Assert.Contains("<ul>\n<li>Hall A</li>\n<li>Hall B</li>\n</ul>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>\n<li>First</li>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<code>badge</code>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/map\"", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Hall</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>12</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatLooksLikeMarkupIsShownAsText() =>
        Assert.Equal("<p>2 &lt; 3 &amp;&amp; 4 &gt; 1</p>", Renderer.ToSafeHtml("2 < 3 && 4 > 1"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void EmptyTextRendersNothing(string? markdown) => Assert.Equal("", Renderer.ToSafeHtml(markdown));
}
