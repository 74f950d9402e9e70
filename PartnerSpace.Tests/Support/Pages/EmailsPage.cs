using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/emails</c>: the e-mail texts per kind and language, with their preview.</summary>
public sealed class EmailsPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/emails";

    public async Task OpenAsync()
    {
        await Page.GotoAsync(Path);
        await Assertions.Expect(Page.GetByTestId("emails-editor")).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>Opens one e-mail's editor in one language ("fr", "en") and answers its form.</summary>
    public async Task<ILocator> EditAsync(string kind, string language)
    {
        await Page.Locator($"[data-testid=email-choice][data-kind={kind}]").ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = language == "fr" ? "Français" : "English" }).ClickAsync();
        var form = Page.Locator($"[data-testid=email-form][data-kind={kind}][data-language={language}]");
        await Assertions.Expect(form).ToBeVisibleAsync();
        return form;
    }

    public static ILocator Subject(ILocator form) => form.Locator("input[data-testid=email-subject], [data-testid=email-subject] input");

    public static ILocator Body(ILocator form) => form.Locator("textarea[data-testid=email-body], [data-testid=email-body] textarea");

    public static ILocator Chip(ILocator form, string name) => form.Locator($"[data-testid=placeholder-chip][data-name={name}]");
}
