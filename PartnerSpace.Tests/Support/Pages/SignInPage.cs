using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>
/// <c>/sign-in</c> and what its forms lead to. Static server-rendered forms (no circuit): plain
/// form posts, nothing to wait for.
/// </summary>
public sealed class SignInPage(IPage page)
{
    public const string Path = "/sign-in";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The partner members' form: a sign-in link by e-mail.</summary>
    public ILocator LinkForm => page.GetByTestId("link-form");

    /// <summary>The organizers' form: e-mail address and password.</summary>
    public ILocator PasswordForm => page.GetByTestId("password-form");

    public ILocator Error => page.GetByTestId("sign-in-error");

    /// <summary>The text of <c>/sign-in/link-sent</c>, where a link request lands.</summary>
    public ILocator LinkSent => page.GetByTestId("link-sent");

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task SignInAsOrganizerAsync(string email, string password)
    {
        await PasswordForm.GetByLabel("E-mail address").FillAsync(email);
        await PasswordForm.GetByLabel("Password").FillAsync(password);
        await PasswordForm.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async Task RequestLinkAsync(string email)
    {
        await LinkForm.GetByLabel("E-mail address").FillAsync(email);
        await LinkForm.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
    }
}
