using System.Net;
using System.Net.Http.Json;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>A partner administrator manages scanning devices and qualification questions (S-2.12).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class LeadSettingsTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task AdministratorCreatesADeviceKeySeesItOnceUsesItAndRevokesIt()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var settings = new LeadSettingsPage(Page);
        await settings.OpenAsync(acmeId);
        var name = $"Stand phone {Guid.NewGuid():N}"[..20];

        var token = await settings.CreateKeyAsync(name);
        await Expect(settings.KeyDialog.GetByTestId("device-key-once")).ToContainTextAsync("it will not be shown again");
        await Expect(settings.KeyDialog.GetByTestId("device-key-link")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("/scan#key=" + token + "$"));
        await settings.KeyDialog.GetByTestId("device-key-done").ClickAsync();
        await Expect(settings.KeyRow(name).GetByTestId("device-key-hint")).ToHaveTextAsync("…" + token[^4..]);
        await Expect(settings.KeyRow(name).GetByTestId("device-key-last-used")).ToHaveTextAsync("Never");
        Assert.DoesNotContain(token, await Page.ContentAsync(), StringComparison.Ordinal);

        using (var device = new DeviceScanner(Portal.CreateApiClient(token)))
        {
            await device.ScanAsync("DEMO-0042", DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        await settings.OpenAsync(acmeId);
        await Expect(settings.KeyRow(name).GetByTestId("device-key-last-used")).Not.ToHaveTextAsync("Never");

        await settings.RevokeAsync(name);
        await Expect(settings.KeyRow(name).GetByTestId("device-key-status")).ToContainTextAsync("Revoked");
        using var revoked = Portal.CreateApiClient(token);
        using var response = await revoked.PostAsJsonAsync(new Uri("api/v1/scans", UriKind.Relative), new
        {
            scanId = Guid.CreateVersion7(),
            badgeCode = "DEMO-0042",
            scannedAt = DateTimeOffset.UtcNow.ToString("O"),
            scannedBy = DemoData.AcmeAdminEmail,
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task AdministratorAddsAQualificationQuestion()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await SignInAsDemoAsync("partner-admin");
        var settings = new LeadSettingsPage(Page);
        await settings.OpenAsync(acmeId);
        var label = $"Budget {Guid.NewGuid():N}"[..16];

        await settings.QuestionsTab.ClickAsync();
        await Page.GetByTestId("lead-question-add").ClickAsync();
        var dialog = Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog);
        await dialog.Locator("input[data-testid=lead-question-label]").FillAsync(label);
        await dialog.GetByTestId("lead-question-save").ClickAsync();

        await Expect(settings.QuestionTexts.Filter(new() { HasText = label })).ToHaveCountAsync(1);
        await settings.OpenAsync(acmeId);
        await settings.QuestionsTab.ClickAsync();
        await Expect(settings.QuestionTexts.Filter(new() { HasText = label })).ToHaveCountAsync(1);
    }
}
