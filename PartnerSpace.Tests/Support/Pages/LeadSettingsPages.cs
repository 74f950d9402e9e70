using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/partner/{id}/leads/settings</c>: scanning devices, qualification questions, webhooks (S-2.12).</summary>
public sealed class LeadSettingsPage(IPage page) : PortalPage(page)
{
    public static string PathOf(Guid partnerId) => $"/partner/{partnerId}/leads/settings";

    public Task OpenAsync(Guid partnerId) => GotoInteractiveAsync(PathOf(partnerId));

    public ILocator NewKeyButton => Page.GetByTestId("device-key-new");

    public ILocator KeyDialog => Page.GetByRole(AriaRole.Dialog);

    public ILocator KeyName => KeyDialog.Locator("input[data-testid=device-key-name]");

    public ILocator Token => KeyDialog.Locator("input[data-testid=device-key-token]");

    public ILocator KeyRow(string name) => Page.GetByTestId("device-key-table").Locator("tbody tr").Filter(new() { HasText = name });

    public ILocator QuestionsTab => Page.GetByRole(AriaRole.Tab, new() { Name = "Qualification questions" });

    public ILocator QuestionTexts => Page.GetByTestId("lead-question-text");

    public ILocator WebhooksTab => Page.GetByRole(AriaRole.Tab, new() { Name = "CRM webhooks" });

    public ILocator WebhookRow(string name) => Page.GetByTestId("webhook-row").Filter(new() { HasText = name });

    /// <summary>Adds a webhook on the open Webhooks tab and returns its secret, read from the dialog that shows it once.</summary>
    public async Task<string> AddWebhookAsync(string name, string url)
    {
        await Page.GetByTestId("webhook-add").ClickAsync();
        await KeyDialog.Locator("input[data-testid=webhook-name]").FillAsync(name);
        await KeyDialog.Locator("input[data-testid=webhook-url]").FillAsync(url);
        await KeyDialog.GetByTestId("webhook-create").ClickAsync();
        var secret = KeyDialog.Locator("input[data-testid=webhook-secret]");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        return await secret.InputValueAsync();
    }

    /// <summary>Creates a device key and returns its token, read from the dialog that shows it once.</summary>
    public async Task<string> CreateKeyAsync(string name)
    {
        await NewKeyButton.ClickAsync();
        await KeyName.FillAsync(name);
        await KeyDialog.GetByTestId("device-key-create").ClickAsync();
        await Assertions.Expect(Token).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^psk_"));
        return await Token.InputValueAsync();
    }

    public async Task RevokeAsync(string name)
    {
        await KeyRow(name).GetByTestId("device-key-revoke").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
    }
}
