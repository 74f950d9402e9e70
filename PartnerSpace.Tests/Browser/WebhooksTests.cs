using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>A partner administrator connects a CRM: new leads reach a real local endpoint, signed (S-2.12).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class WebhooksTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    /// <summary>A new lead wakes the dispatcher at once; its period (3 s) is the fallback. Generous for 2 busy cores.</summary>
    private static readonly TimeSpan DeliveredWithin = TimeSpan.FromSeconds(10);

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task AdministratorAddsAWebhookTestsItAndTheNextScanArrivesSignedThenPausesAndDeletesIt()
    {
        using var receiver = new WebhookReceiver(failFirst: 0);
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var badge = await Portal.QueryAsync(db => db.Attendees
            .Where(a => a.BadgeCode.StartsWith("DEMO-03") && !db.Leads.Any(l => l.PartnerId == acmeId && l.PersonId == a.PersonId))
            .OrderBy(a => a.BadgeCode).Select(a => a.BadgeCode).FirstAsync());
        await SignInAsDemoAsync("partner-admin");
        var settings = new LeadSettingsPage(Page);
        await settings.OpenAsync(acmeId);
        await settings.WebhooksTab.ClickAsync();
        var name = $"CRM {Guid.NewGuid():N}"[..12];

        var secret = await settings.AddWebhookAsync(name, receiver.Url);
        await Expect(settings.KeyDialog.GetByTestId("webhook-verify")).ToContainTextAsync("X-PartnerSpace-Signature");
        await settings.KeyDialog.GetByTestId("webhook-done").ClickAsync();
        var row = settings.WebhookRow(name);
        await Expect(row.GetByTestId("webhook-status")).ToHaveTextAsync("Active");
        await Expect(row.GetByTestId("webhook-progress")).ToContainTextAsync("Up to date");
        Assert.DoesNotContain(secret, await Page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByTestId("webhook-test").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Test delivered: 200");
        await Expect(row.GetByTestId("webhook-log-result").First).ToHaveTextAsync("200");
        await Expect(row.GetByTestId("webhook-log-leads").First).ToHaveTextAsync("Test");

        // A scan on the stand: the lead reaches the endpoint, and the open log shows the delivery live.
        ScannedAttendee attendee;
        using (var scanner = AcmeScanner())
        {
            attendee = await scanner.ScanAsync(badge, DemoData.AcmeAdminEmail, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        await Expect(row.GetByTestId("webhook-log-leads").First).ToHaveTextAsync("1", new() { Timeout = (float)DeliveredWithin.TotalMilliseconds });
        await Expect(row.GetByTestId("webhook-log-result").First).ToHaveTextAsync("200");
        await Expect(row.GetByTestId("webhook-progress")).ToContainTextAsync("Last delivered");
        var delivery = receiver.Requests.Last();
        var lead = Assert.Single(receiver.Delivered);
        Assert.Equal(attendee.LastName, lead.GetProperty("person").GetProperty("lastName").GetString());
        Assert.Equal("scannedBadge", lead.GetProperty("consent").GetProperty("kind").GetString());
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(delivery.Timestamp + "." + delivery.Body));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(mac), delivery.Signature);

        await row.GetByTestId("webhook-toggle").ClickAsync();
        await Expect(row.GetByTestId("webhook-status")).ToHaveTextAsync("Paused");

        await row.GetByTestId("webhook-delete").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        Assert.False(await Portal.QueryAsync(db => db.Webhooks.AnyAsync(w => w.Name == name)));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task WebhooksTabHasNoHorizontalScrollAt360Pixels(string language)
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        using var receiver = new WebhookReceiver(failFirst: int.MaxValue);
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var webhooks = scope.ServiceProvider.GetRequiredService<PartnerSpace.Domain.Leads.WebhookService>();
            var hook = (await webhooks.CreateAsync(acmeId, new($"Narrow {language}", receiver.Url + "a/rather/long/path/that/must/wrap/on/a/phone"))).Value!.Webhook;
            await webhooks.SendTestAsync(acmeId, hook.Id);
        }

        await SignInAsDemoAsync("partner-admin");
        var settings = new LeadSettingsPage(Page);
        await settings.OpenAsync(acmeId);
        await settings.UseLanguageAsync(language);

        await Page.SetViewportSizeAsync(360, 740);
        await settings.OpenAsync(acmeId);
        await Page.GetByRole(AriaRole.Tab).Nth(2).ClickAsync();
        var row = settings.WebhookRow($"Narrow {language}");
        await row.GetByTestId("webhook-log-toggle").ClickAsync();
        await Expect(row.GetByTestId("webhook-log-result").First).ToContainTextAsync("500");

        Assert.Null(await settings.SidewaysOverflowAsync()); // the webhooks tab fits 360 px
    }
}
