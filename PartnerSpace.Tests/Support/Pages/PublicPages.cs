using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/e/{event}/partners/{id}/{name}</c>: a partner's public page, static HTML with a live island (S-2.2, S-2.4).</summary>
public sealed class PublicPartnerPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Name => Page.GetByTestId("public-name");

    public ILocator Description => Page.GetByTestId("public-description");

    public ILocator Offers => Page.GetByTestId("public-offer");

    /// <summary>The live island; <c>data-live="true"</c> once it listens.</summary>
    public ILocator Live => Page.GetByTestId("public-live");

    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Live).ToHaveAttributeAsync("data-live", "true");
    }

    /// <summary>Marks the window: a full reload would lose the mark, an in-place refresh keeps it.</summary>
    public Task MarkWindowAsync() => Page.EvaluateAsync("() => { window.psMarked = true; }");

    public Task<bool> WindowStillMarkedAsync() => Page.EvaluateAsync<bool>("() => window.psMarked === true");
}

/// <summary><c>/partner/{id}/offers</c>: the Offers tab (S-2.4).</summary>
public sealed class PartnerOffersPage(IPage page) : PortalPage(page)
{
    public ILocator Tab => Page.GetByTestId("offers-tab");

    public ILocator Rows => Page.GetByTestId("offer-row");

    public ILocator Dialog => Page.GetByTestId("offer-dialog");

    public ILocator Row(string title) => Rows.Filter(new() { Has = Page.GetByTestId("offer-title").GetByText(title, new() { Exact = true }) });

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/partner/{partnerId}/offers");
        await Assertions.Expect(Tab).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>Adds an offer through the dialog and waits for its row.</summary>
    public async Task AddAsync(string title, string description, bool visible)
    {
        await Page.GetByTestId("add-offer").ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        await Dialog.Locator("input[data-testid=offer-title-input]").FillAsync(title);
        await Dialog.Locator("textarea[data-testid=offer-description-input]").FillAsync(description);
        await Dialog.Locator("input[data-testid=offer-visible-input]").SetCheckedAsync(visible);
        await Page.GetByTestId("offer-save").ClickAsync();
        await Assertions.Expect(Row(title)).ToHaveCountAsync(1);
    }
}
