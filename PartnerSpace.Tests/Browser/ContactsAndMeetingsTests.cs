using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>
/// The Contact list and Meetings tabs in a real browser: an administrator proposes a meeting and
/// sees it pending, answers a request, and sees a request made elsewhere arrive live (S-2.8, S-2.9, S-5).
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class ContactsAndMeetingsTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.8")]
    [Trait("Spec", "S-2.9")]
    public async Task AnAdministratorProposesAMeetingFromTheContactListAndSeesItPending()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        await FreeSlotAsync(acme, TimeSpan.FromHours(30));
        var (_, name) = await AttendeeAsync(0);
        await SignInAsDemoAsync("partner-admin");
        var contacts = new PartnerContactsPage(Page);
        await contacts.OpenAsync(acme);

        await contacts.Search.FillAsync(name);
        await Expect(contacts.Names).ToHaveCountAsync(1);
        await contacts.Row(name).GetByTestId("contact-propose").ClickAsync();
        await contacts.SlotOptions.First.CheckAsync();
        await contacts.Dialog.Locator("textarea[data-testid=propose-message]").FillAsync("Shall we meet on our stand?");
        await contacts.Dialog.GetByTestId("propose-send").ClickAsync();
        await Expect(contacts.Dialog).ToHaveCountAsync(0);
        await Expect(Page.GetByText($"Invitation sent to {name}", new() { Exact = false })).ToBeVisibleAsync();

        var meetings = new PartnerMeetingsPage(Page);
        await meetings.OpenAsync(acme);
        await Expect(meetings.RowOf(name)).ToHaveAttributeAsync("data-status", "pending");
        await Expect(meetings.RowOf(name).GetByTestId("meeting-accept")).ToHaveCountAsync(0);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.9")]
    public async Task AnAdministratorAcceptsARequestReceived()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var slot = await FreeSlotAsync(acme, TimeSpan.FromHours(31));
        var (attendee, _) = await AttendeeAsync(1);
        var requested = await Meetings.RequestAsync(new Viewer(ViewerKind.Person, attendee), slot, "Hello from the show");
        Assert.True(requested.IsSuccess, requested.Error?.Message);
        await SignInAsDemoAsync("partner-admin");
        var meetings = new PartnerMeetingsPage(Page);
        await meetings.OpenAsync(acme);

        var row = meetings.Row(requested.Value);
        await Expect(row.GetByTestId("meeting-expiry")).ToContainTextAsync("Answer before");
        await row.GetByTestId("meeting-accept").ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-status", "accepted");
        await Expect(row.GetByTestId("meeting-accept")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("meeting-ics")).ToHaveAttributeAsync("href", $"/meetings/{requested.Value}.ics");
        Assert.Equal(MeetingStatus.Accepted, await Portal.QueryAsync(db => db.Meetings.Where(m => m.Id == requested.Value).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.9")]
    [Trait("Spec", "S-5")]
    public async Task ARequestMadeElsewhereAppearsWithoutReload()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var slot = await FreeSlotAsync(acme, TimeSpan.FromHours(32));
        var (attendee, name) = await AttendeeAsync(2);
        await SignInAsDemoAsync("partner-admin");
        var meetings = new PartnerMeetingsPage(Page);
        await meetings.OpenAsync(acme);
        await Page.EvaluateAsync("window.__notReloaded = true");
        await Expect(meetings.RowOf(name)).ToHaveCountAsync(0);

        // Another context: the attendee, through the domain.
        var requested = await Meetings.RequestAsync(new Viewer(ViewerKind.Person, attendee), slot, null);
        Assert.True(requested.IsSuccess, requested.Error?.Message);

        await Expect(meetings.Row(requested.Value)).ToHaveAttributeAsync("data-status", "pending", new() { Timeout = 5000 });
        Assert.True(await Page.EvaluateAsync<bool>("window.__notReloaded === true"), "the list was refreshed in place, not reloaded");
    }

    private MeetingService Meetings => Portal.Services.GetRequiredService<MeetingService>();

    /// <summary>A free 30-minute slot of the partner, on a 5-minute mark, this long from now.</summary>
    private async Task<Guid> FreeSlotAsync(Guid partnerId, TimeSpan from)
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero) + from;
        return await Portal.QueryAsync(async db =>
        {
            var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).SingleAsync();
            var slot = new MeetingSlot(eventId, partnerId, null, null, start, start.AddMinutes(30), now);
            db.MeetingSlots.Add(slot);
            await db.SaveChangesAsync();
            return slot.Id;
        });
    }

    /// <summary>A listed attendee on no partner's team, with a name nobody else has, by position (each test its own).</summary>
    private async Task<(Guid Id, string Name)> AttendeeAsync(int index)
    {
        var people = await Portal.QueryAsync(db => db.People
            .Where(p => db.Attendees.Any(a => a.PersonId == p.Id && a.ListedInContacts) && !db.PartnerMembers.Any(m => m.PersonId == p.Id))
            .OrderBy(p => p.Email).Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName }).ToListAsync());
        var unique = people.GroupBy(p => p.Name).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        return (unique[10 + index].Id, unique[10 + index].Name);
    }
}
