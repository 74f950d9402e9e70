using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>
/// The attendee space as the demo attendee uses it: requesting a meeting from a partner's page and
/// finding it pending in My meetings (S-3), accepting a partner's message (S-2.12).
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class AttendeeSpaceTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-3")]
    [Trait("Spec", "S-3.5")]
    public async Task AnAttendeeRequestsAMeetingFromAPartnerPageAndSeesItPending()
    {
        var partnerId = await Portal.PartnerIdAsync("Orbital Data");
        var slotId = await FreeSlotAsync(partnerId, days: 4);
        await SignInAsDemoAsync("attendee");
        var partner = new AttendeePartnerPage(Page);
        await partner.OpenAsync(partnerId);

        var choice = partner.SlotChoices.First;
        await choice.ClickAsync();
        await Expect(choice).ToHaveAttributeAsync("data-selected", "true");
        await partner.Message.FillAsync("I would like a demo of your crop reports.");
        await partner.Send.ClickAsync();

        await Expect(Page.GetByText("Request sent.", new() { Exact = false })).ToBeVisibleAsync();
        await Page.GetByTestId("attendee-nav-meetings").ClickAsync();
        var meetings = new AttendeeMeetingsPage(Page);
        await Expect(Page.GetByTestId("my-meetings")).ToHaveAttributeAsync("data-interactive", "true");
        var meeting = meetings.Meeting("Orbital Data");
        await Expect(meeting).ToHaveCountAsync(1);
        await Expect(meeting).ToHaveAttributeAsync("data-status", "Pending");
        await Expect(meeting.GetByTestId("my-meeting-status")).ToHaveTextAsync("Pending");
        await meeting.GetByTestId("my-meeting-thread-toggle").ClickAsync();
        await Expect(meeting.GetByTestId("meeting-thread-message")).ToContainTextAsync("I would like a demo of your crop reports.");
        Assert.Equal(slotId, await Portal.QueryAsync(db => db.Meetings.Where(m => m.PartnerId == partnerId && m.Status == MeetingStatus.Pending).Select(m => m.SlotId).SingleAsync()));
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.12")]
    public async Task AnAttendeeAcceptsAPartnersMessageAndSharesTheirDetails()
    {
        var partnerId = await Portal.PartnerIdAsync("Helix Biotech");
        var body = $"Shall we keep in touch about bioreactors? ({Guid.NewGuid():N})";
        await Portal.QueryAsync(async db =>
        {
            var lea = await db.People.SingleAsync(p => p.Email == DemoData.AttendeeEmail);
            db.PartnerMessages.Add(new PartnerMessage(lea.EventId, partnerId, lea.Id, null, "Helix team", body, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        await SignInAsDemoAsync("attendee");
        var messages = new AttendeeMessagesPage(Page);
        await messages.OpenAsync();

        var message = messages.Message(body);
        await message.Locator("textarea[data-testid=partner-message-reply]").FillAsync("Yes, write to me after the show.");
        await message.GetByTestId("partner-message-accept").ClickAsync();

        await Expect(message).ToHaveAttributeAsync("data-answer", "Accepted");
        await Expect(message.GetByTestId("partner-message-answer")).ToContainTextAsync("Accepted on");
        var contacts = new AttendeeContactsPage(Page);
        await contacts.OpenAsync();
        await Expect(contacts.Shares.Filter(new() { HasText = "Helix Biotech" })).ToHaveCountAsync(1);
    }

    /// <summary>A free slot of the partner some days ahead, on the hour (the 5-minute grid).</summary>
    private Task<Guid> FreeSlotAsync(Guid partnerId, int days) => Portal.QueryAsync(async db =>
    {
        var partner = await db.Partners.SingleAsync(p => p.Id == partnerId);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 13, 0, 0, TimeSpan.Zero).AddDays(days);
        var slot = new MeetingSlot(partner.EventId, partnerId, null, null, start, start.AddMinutes(30), now);
        db.MeetingSlots.Add(slot);
        await db.SaveChangesAsync();
        return slot.Id;
    });
}
