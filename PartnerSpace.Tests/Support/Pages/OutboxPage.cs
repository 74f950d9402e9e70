using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/outbox</c>: the e-mails the portal sent, newest first, with their links.</summary>
public sealed class OutboxPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/outbox";

    public Task OpenAsync() => GotoInteractiveAsync(Path);

    /// <summary>The headers of the messages to an address, newest first.</summary>
    public ILocator MessagesTo(string address) =>
        Page.Locator($"[data-testid=outbox-message][data-to=\"{address}\"]");

    /// <summary>Expands the newest message to an address and reads the address of its link.</summary>
    public async Task<string> ReadNewestLinkToAsync(string address)
    {
        var header = MessagesTo(address).First;
        await header.ClickAsync();

        // The link is in the body of the header's expansion panel (MudExpansionPanel's root class).
        var panel = Page.Locator(".mud-expand-panel").Filter(new() { Has = header });
        var link = panel.GetByTestId("outbox-link");
        await Assertions.Expect(link).ToBeVisibleAsync();
        return await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("The outbox link has no href.");
    }
}
