using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>
/// Both sides of a business meeting in two browsers (S-2.9, S-3, S-5), and the sales contact's
/// partner choice surviving a browser restart (S-3.2).
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class MeetingFlowTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    /// <summary>S-5: the other side's open screen shows the change within a second.</summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(1);

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.9")]
    [Trait("Spec", "S-3")]
    [Trait("Spec", "S-5")]
    public async Task AnAttendeeRequestsASlotAndThePartnerSeesItLiveAndAcceptsIt()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await FreeSlotAsync(acmeId, days: 8);
        var partnerContext = await NewContextAsync();
        await SignInAsDemoAsync("partner-admin", partnerContext);
        var partnerMeetings = new PartnerMeetingsPage(await partnerContext.NewPageAsync());
        await partnerMeetings.OpenAsync(acmeId);
        var message = $"Could we talk about your sensors? ({Guid.NewGuid():N})";

        await SignInAsDemoAsync("attendee");
        var partnerPage = new AttendeePartnerPage(Page);
        await partnerPage.OpenAsync(acmeId);
        var choice = partnerPage.SlotChoices.Last;
        await choice.ClickAsync();
        await partnerPage.Message.FillAsync(message);
        await partnerPage.Send.ClickAsync();
        await Expect(Page.GetByText("Request sent.", new() { Exact = false })).ToBeVisibleAsync();

        // The partner's open Meetings tab shows the request without a reload.
        var requestId = await Portal.QueryAsync(db => db.MeetingMessages.Where(m => m.Body == message).Select(m => m.MeetingId).SingleAsync());
        var deadline = LiveDeadline.Start(LiveWithin);
        var row = partnerMeetings.Row(requestId);
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = deadline.RemainingMilliseconds });
        await Expect(row).ToHaveAttributeAsync("data-status", "pending");

        // The attendee watches My meetings while the partner accepts.
        await Page.GetByTestId("attendee-nav-meetings").ClickAsync();
        await Expect(Page.GetByTestId("my-meetings")).ToHaveAttributeAsync("data-interactive", "true");
        var mine = Page.Locator($"[data-testid=my-meeting][data-meeting='{requestId}']");
        await Expect(mine).ToHaveAttributeAsync("data-status", "Pending");
        await row.GetByTestId("meeting-accept").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "accepted");

        deadline = LiveDeadline.Start(LiveWithin);
        await Expect(mine).ToHaveAttributeAsync("data-status", "Accepted", new() { Timeout = deadline.RemainingMilliseconds });
        Assert.Equal(MeetingStatus.Accepted, await Portal.QueryAsync(db => db.Meetings.Where(m => m.Id == requestId).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.1")]
    [Trait("Spec", "S-5")]
    public async Task ARequestRaisesThePartnersPendingRequestsCounterLive()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var slotId = await FreeSlotAsync(acmeId, days: 9);
        var attendee = await Portal.QueryAsync(db => db.People.Where(p => p.Email == DemoData.AttendeeEmail).Select(p => p.Id).SingleAsync());
        await SignInAsDemoAsync("partner-admin");
        var home = new PartnerHomePage(Page);
        await home.OpenAsync(acmeId);
        var before = await home.ReadCounterAsync("PendingRequestsCounter");

        var meetings = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MeetingService>(Portal.Services);
        Assert.True((await meetings.RequestAsync(new Viewer(ViewerKind.Person, attendee), slotId, null)).IsSuccess);

        var deadline = LiveDeadline.Start(LiveWithin);
        await Expect(home.Counter("PendingRequestsCounter")).ToHaveTextAsync($"{before + 1}", new() { Timeout = deadline.RemainingMilliseconds });
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-3.2")]
    [Trait("Spec", "S-3")]
    public async Task ASalesContactSwitchesPartnersAndFindsTheChoiceAfterReopeningTheBrowser()
    {
        var partners = await Portal.QueryAsync(db => db.PartnerMembers
            .Where(m => m.Role == MemberRole.SalesContact && db.People.Any(p => p.Id == m.PersonId && p.Email == DemoData.AcmeSalesContactEmail))
            .Join(db.Partners, m => m.PartnerId, p => p.Id, (m, p) => new { p.Id, p.Name })
            .ToListAsync());
        Assert.True(partners.Count >= 2, "The demo's sales contact serves two partners.");
        var profile = Directory.CreateTempSubdirectory("ps-browser-profile-");
        try
        {
            var first = await Fixture.LaunchPersistentAsync(profile.FullName);
            var shown = await OpenBusinessAsync(first);
            var other = partners.First(p => p.Id != shown);
            await first.Pages[0].GetByTestId("sales-contact-partner").ClickAsync();
            await first.Pages[0].Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = other.Name }).ClickAsync();
            await Expect(first.Pages[0].GetByTestId("sales-contact-area")).ToHaveAttributeAsync("data-partner", other.Id.ToString());
            await first.CloseAsync();

            // The browser is closed and launched again on the same profile.
            var second = await Fixture.LaunchPersistentAsync(profile.FullName);
            Assert.Equal(other.Id, await OpenBusinessAsync(second));
            await Expect(second.Pages[0].GetByTestId("sales-contact-area")).ToContainTextAsync(other.Name);
            await second.CloseAsync();
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Signs the demo sales contact in (again) and opens the Business meetings tab; returns the partner shown.</summary>
    private async Task<Guid> OpenBusinessAsync(IBrowserContext browser)
    {
        await SignInAsDemoAsync("sales-contact", browser);
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        await page.GotoAsync("/attendee/business");
        var area = page.GetByTestId("sales-contact-area");
        await Expect(area).ToHaveAttributeAsync("data-partner", new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        return Guid.Parse((await area.GetAttributeAsync("data-partner"))!);
    }

    /// <summary>A free slot of the partner some days ahead, at a time no demo meeting uses.</summary>
    private Task<Guid> FreeSlotAsync(Guid partnerId, int days) => Portal.QueryAsync(async db =>
    {
        var partner = await db.Partners.SingleAsync(p => p.Id == partnerId);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 15, 0, 0, TimeSpan.Zero).AddDays(days);
        var slot = new MeetingSlot(partner.EventId, partnerId, null, null, start, start.AddMinutes(30), now);
        db.MeetingSlots.Add(slot);
        await db.SaveChangesAsync();
        return slot.Id;
    });
}
