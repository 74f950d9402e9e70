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

/// <summary>The partner's meeting calendar (S-2.10): spaces, generated slots, the week grid, live meetings (S-5).</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class MeetingCalendarTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.10")]
    public async Task AdminCreatesASpaceGeneratesSlotsWithAPauseAndDeletesOne()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var space = $"Table {Guid.NewGuid():N}"[..12];
        await SignInAsDemoAsync("partner-admin");
        var calendar = new MeetingCalendarPage(Page);
        await calendar.OpenAsync(acmeId);

        await calendar.AddPhysicalSpaceAsync(space, "Stand B12", 4);
        await Expect(calendar.SpaceRows.Filter(new() { HasText = space })).ToContainTextAsync("Stand B12 · 4 seat(s)");

        await calendar.FillGeneratorAsync("09:00", "14:00", space);
        await calendar.PreviewAsync();

        // 09:00–12:00 holds six meetings of 30 minutes; the lunch pause leaves 13:30–14:00.
        await Expect(calendar.PreviewCount).ToContainTextAsync("7 slot(s) will be created");
        await Expect(calendar.PreviewSlots).ToHaveCountAsync(7);
        await Expect(calendar.PreviewSlots.Last).ToHaveTextAsync("13:30–14:00");
        await calendar.CreateAsync();

        await Expect(calendar.SlotsOf(space)).ToHaveCountAsync(7);
        await Expect(calendar.SlotsOf(space).First).ToHaveAttributeAsync("data-start", "09:00");

        await calendar.SlotsOf(space).Nth(2).ClickAsync();
        await Expect(calendar.SlotsOf(space).Nth(2)).ToHaveAttributeAsync("aria-pressed", "true");
        await Page.GetByTestId("delete-slots").ClickAsync();
        await calendar.Dialog.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(calendar.SlotsOf(space)).ToHaveCountAsync(6);
        await Expect(calendar.SlotsOf(space).Filter(new() { HasText = "10:00–10:30" })).ToHaveCountAsync(0);
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-2.10")]
    [Trait("Spec", "S-5")]
    public async Task MeetingBookedElsewhereAppearsLiveInTheGrid()
    {
        var acmeId = await Portal.PartnerIdAsync(DemoData.AcmeName);
        var space = $"Room {Guid.NewGuid():N}"[..11];
        var (adminId, attendeeId, tomorrow) = await Portal.QueryAsync(async db =>
        {
            var ev = await db.Partners.Where(p => p.Id == acmeId).Join(db.Events, p => p.EventId, e => e.Id, (p, e) => e).SingleAsync();
            var admin = await db.People.Where(p => p.Email == DemoData.AcmeAdminEmail && p.EventId == ev.Id).Select(p => p.Id).SingleAsync();
            var attendee = await db.Attendees.Where(a => a.EventId == ev.Id && !db.PartnerMembers.Any(m => m.PersonId == a.PersonId))
                .OrderByDescending(a => a.BadgeCode).Select(a => a.PersonId).FirstAsync();
            var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZoneId);
            return (admin, attendee, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(1));
        });
        var admin = new Viewer(ViewerKind.Person, adminId);
        var spaceId = (await Portal.Services.GetRequiredService<MeetingSpaceService>().CreateAsync(admin, acmeId, new MeetingSpaceDraft(space, SpaceKind.Physical, null, "Room 2", null))).Value!.Id;
        var slots = await Portal.Services.GetRequiredService<SlotService>().CreateAsync(admin, acmeId, new SlotRequest(tomorrow, new(7, 0), new(7, 30), 30, 0, null, spaceId, null));
        Assert.True(slots.IsSuccess, slots.Error?.Message);
        await SignInAsDemoAsync("partner-admin");
        var calendar = new MeetingCalendarPage(Page);
        await calendar.OpenAsync(acmeId);
        await calendar.ShowDayAsync();
        await Page.GetByTestId("calendar-next").ClickAsync();
        await Expect(calendar.SlotsOf(space)).ToHaveCountAsync(1);

        var booked = await Portal.Services.GetRequiredService<MeetingService>().RequestAsync(new Viewer(ViewerKind.Person, attendeeId), slots.Value![0].Id, "See you there");
        Assert.True(booked.IsSuccess, booked.Error?.Message);

        await Expect(calendar.SlotsOf(space)).ToHaveCountAsync(0);
        var meeting = calendar.Meetings.And(Page.Locator($"[data-column=\"{spaceId}\"]"));
        await Expect(meeting).ToHaveAttributeAsync("data-status", "pending");
        await meeting.ClickAsync();
        await Expect(Page.GetByTestId("meeting-summary-status")).ToContainTextAsync("Pending");
    }
}
