using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/sign-in/link?token=…</c>: the confirmation button of a sign-in link (static form).</summary>
public sealed class SignInLinkPage(IPage page)
{
    public ILocator ConfirmButton => page.GetByTestId("confirm-sign-in");

    /// <summary>Shown instead of the button for a used, expired or unknown link.</summary>
    public ILocator Unusable => page.GetByTestId("link-unusable");

    public async Task OpenAsync(string link) => await page.GotoAsync(link);

    public async Task ConfirmAsync() => await ConfirmButton.ClickAsync();
}
