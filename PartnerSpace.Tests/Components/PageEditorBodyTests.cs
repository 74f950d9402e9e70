using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Common;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.PageEditor;
using PartnerSpace.Web.Features.Portal;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

/// <summary>The body editor of custom pages and the body as the preview and the portal show it (S-1.3).</summary>
[Trait("Spec", "S-1.3")]
public sealed class PageEditorBodyTests : ComponentTestBase
{
    private readonly List<string> _values = [];
    private readonly List<string> _stored = [];

    public PageEditorBodyTests()
    {
        Services.AddSingleton<MarkdownRenderer>();
        // Interactive, as in the circuit: the caret module is "imported" (loose JS interop answers nothing).
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<BodyEditor> Editor(string value, Result<Guid>? storeAnswer = null) =>
        Render<BodyEditor>(p => p
            .Add(x => x.Value, value)
            .Add(x => x.ValueChanged, v => _values.Add(v))
            .Add(x => x.Language, "en")
            .Add(x => x.Label, "Content (English, Markdown)")
            .Add(x => x.StoreImage, (name, bytes) =>
            {
                _stored.Add(name);
                return Task.FromResult(storeAnswer ?? Result<Guid>.Ok(Guid.NewGuid()));
            }));

    [Fact]
    public void TypingRaisesTheNewText()
    {
        var cut = Editor("");

        cut.Find("[data-testid=body-en] textarea, textarea[data-testid=body-en]").Input("# Access\n\nHall A");

        Assert.Equal(["# Access\n\nHall A"], _values);
    }

    [Fact]
    public void ToolbarAddsMarkdownAtTheEndWhenTheCaretIsUnknown()
    {
        var cut = Editor("Welcome");

        cut.Find("button[data-testid=md-bold]").Click();
        cut.Find("button[data-testid=md-link]").Click();
        cut.Find("button[data-testid=md-list]").Click();

        Assert.Equal(["Welcome**bold text**", "Welcome[link text](https://)", "- Welcome"], _values);
    }

    [Fact]
    public void UploadedImageIsStoredAndInsertedAsMarkdown()
    {
        var id = Guid.NewGuid();
        var cut = Editor("Plan:", Result<Guid>.Ok(id));

        // MudFileUpload keeps a spare input beside the active one; the active one is the last.
        cut.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromBinary(SampleImages.Png, "Hall [A] plan.png", contentType: "image/png"));

        Assert.Equal(["Hall [A] plan.png"], _stored);
        cut.WaitForAssertion(() => Assert.Equal([$"Plan:\n![Hall A plan](/files/{id})\n"], _values));
        Assert.Empty(cut.FindAll("[data-testid=image-error]"));
    }

    [Fact]
    public void RefusedImageSaysWhatIsAcceptedAndLeavesTheText()
    {
        var cut = Editor("Plan:", Error.Validation(new Dictionary<string, string[]> { ["file"] = ["Only PNG, JPEG, GIF or WebP images can be inserted."] }));

        cut.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromText("<svg onload=alert(1)>", "logo.png"));

        cut.WaitForAssertion(() => Assert.Equal("Only PNG, JPEG, GIF or WebP images up to 2 MB can be inserted.", cut.Find("[data-testid=image-error]").TextContent.Trim()));
        Assert.Empty(_values);
    }

    [Fact]
    public void BodyIsRenderedSanitizedWithItsLinks()
    {
        var cut = Render<PageBody>(p => p.Add(x => x.Markdown, "## Access\n\nSee [the map](https://example.com/map).<script>alert(1)</script>"));

        var body = cut.Find("[data-testid=page-body]");
        Assert.Equal("Access", body.QuerySelector("h3")!.TextContent);
        var link = body.QuerySelector("a")!;
        Assert.Equal("https://example.com/map", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Empty(cut.FindAll("script"));
    }

    [Fact]
    public void PageWithNothingWrittenSaysSo()
    {
        var empty = Render<PageBody>(p => p.Add(x => x.Markdown, "  "));
        var introOnly = Render<PageBody>(p => p.Add(x => x.Markdown, "").Add(x => x.HasIntroduction, true));

        Assert.Contains("The organizer has not written this page yet.", empty.Markup, StringComparison.Ordinal);
        Assert.Equal("", introOnly.Markup.Trim());
    }
}
