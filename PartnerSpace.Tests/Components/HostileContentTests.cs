using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Public;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Directory;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

/// <summary>
/// Issue 8: organizer and partner text reaches the page as HTML only through the one sanitizer
/// (MarkdownView): custom pages (S-1.3), task instructions (S-2.5), a profile's rich text on the
/// public page (S-2.2). Hostile markup comes out inert: no element that runs or loads code, no
/// event handler, no script URL, no style.
/// </summary>
[Trait("Spec", "S-4")]
[Trait("Spec", "S-1.3")]
[Trait("Spec", "S-2.2")]
[Trait("Spec", "S-2.5")]
public sealed class HostileContentTests : ComponentTestBase
{
    public static TheoryData<string> Payloads =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"https://cdn.example/a.png\" onload=\"alert(1)\">",
        "[x](javascript:alert(1))",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<p style=\"background:url('javascript:alert(1)')\">x</p>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:text/html,<script>alert(1)</script>\">",
        "<form><button formaction=javascript:alert(1)>x</button></form>",
        "<details open ontoggle=alert(1)>",
        "<img src=\"/files/0192f000-0000-7000-8000-0000000000aa\" srcset=\"javascript:alert(1)\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<a href=\"https://example.com\" style=\"position:fixed;inset:0\">cover</a>",
        "<template><script>alert(1)</script></template>",
    ];

    public HostileContentTests() => Services.AddSingleton<MarkdownRenderer>();

    [Theory]
    [MemberData(nameof(Payloads))]
    public void AMarkdownViewRendersHostileMarkupInert(string payload)
    {
        var cut = Render<MarkdownView>(p => p.Add(x => x.Markdown, $"Bonjour\n\n{payload}\n\nfin"));

        AssertInert(cut.Find("[data-testid=page-body]").OuterHtml);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void AProfilesRichTextOnThePublicPageIsInert(string payload)
    {
        var answer = new PublicAnswer(FormField.New(FieldType.RichText, "Présentation", "About"), $"Nous **fabriquons**.\n\n{payload}", [], null);

        var cut = Render<PublicAnswerView>(p => p.Add(x => x.Answer, answer));

        AssertInert(cut.Markup);
        Assert.Contains("<strong>fabriquons</strong>", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    public void APlainProfileAnswerIsText(string payload)
    {
        var answer = new PublicAnswer(FormField.New(FieldType.LongText, "Texte", "Text"), payload, [], null);

        var cut = Render<PublicAnswerView>(p => p.Add(x => x.Answer, answer));

        Assert.DoesNotContain("<script", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", cut.Markup, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertInert(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
        string[] forbidden = ["script", "iframe", "object", "embed", "svg", "math", "base", "meta", "link", "style", "form", "button", "template", "noscript", "details"];
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, forbidden);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("srcset", attribute.Name);
                Assert.NotEqual("formaction", attribute.Name);
                var value = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
                Assert.False(value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase), $"{attribute.Name}={attribute.Value}");
            }
        }
    }
}
