using System.Net;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Http;

/// <summary>S-3.4, DESIGN §6: <c>/calendar/{token}.ics</c> for the holder of the link, <c>/meetings/{id}.ics</c> for a participant.</summary>
[Trait("Spec", "S-3.4")]
public sealed class CalendarEndpointsTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private sealed record Setup(Guid Lea, Meeting LeasMeeting, Meeting OthersMeeting);

    private async Task<Setup> SetUpAsync()
    {
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var lea = await db.People.SingleAsync(p => p.Email == DemoData.AttendeeEmail);
        var other = await db.People.Where(p => p.EventId == lea.EventId && p.Email.EndsWith("@attendee.example") && p.Id != lea.Id).OrderBy(p => p.Email).FirstAsync();
        var acme = await db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName);
        var nordlys = await db.Partners.SingleAsync(p => p.Name == "Nordlys Énergie");

        // Times far from the demo's own slots, unique per call: the class fixture's database is shared.
        var start = new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero).AddDays(await db.Meetings.CountAsync());
        var leas = Meeting(acme, lea.Id, start);
        var others = Meeting(nordlys, other.Id, start.AddHours(2));
        leas.Meeting.ChangeStatus(MeetingStatus.Accepted, start);
        db.AddRange(leas.Slot, leas.Meeting, others.Slot, others.Meeting);
        await db.SaveChangesAsync();
        return new Setup(lea.Id, leas.Meeting, others.Meeting);
    }

    private static (MeetingSlot Slot, Meeting Meeting) Meeting(Partner partner, Guid attendee, DateTimeOffset start)
    {
        var slot = new MeetingSlot(partner.EventId, partner.Id, null, null, start, start.AddMinutes(30), start);
        return (slot, new Meeting(partner.EventId, partner.Id, slot, attendee, null, MeetingOrigin.AttendeeRequest, start, null));
    }

    private CalendarFeedService Feeds => portal.Services.GetRequiredService<CalendarFeedService>();

    [Fact]
    public async Task TheFeedIsServedToTheHolderOfTheLinkWithTheirMeetings()
    {
        var setup = await SetUpAsync();
        var link = (await Feeds.RegenerateAsync(new Viewer(ViewerKind.Person, setup.Lea), FeedOwner.Person, setup.Lea)).Value!;
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(link.Path!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("PUBLISH", calendar.Method);
        var uids = calendar.Events.Select(e => e.Uid).ToList();
        Assert.Contains(MeetingCalendar.Uid(setup.LeasMeeting.Id), uids);
        Assert.DoesNotContain(MeetingCalendar.Uid(setup.OthersMeeting.Id), uids);
    }

    [Fact]
    public async Task ARevokedOrUnknownLinkIsNotFound()
    {
        var setup = await SetUpAsync();
        var lea = new Viewer(ViewerKind.Person, setup.Lea);
        var old = (await Feeds.RegenerateAsync(lea, FeedOwner.Person, setup.Lea)).Value!;
        var fresh = (await Feeds.RegenerateAsync(lea, FeedOwner.Person, setup.Lea)).Value!;
        using var client = portal.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(old.Path!, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/calendar/not-a-token.ics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(fresh.Path!, UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("attendee", HttpStatusCode.OK)]
    [InlineData("partner-admin", HttpStatusCode.OK)]
    [InlineData("sales-contact", HttpStatusCode.OK)]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.Redirect)]
    public async Task AMeetingsFileIsForItsParticipants(string? role, HttpStatusCode expected)
    {
        var setup = await SetUpAsync();
        using var client = role is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(role);

        var response = await client.GetAsync(new Uri(CalendarFeedService.MeetingPath(setup.LeasMeeting.Id), UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
            var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("REQUEST", calendar.Method);
            var ev = Assert.Single(calendar.Events);
            Assert.Equal(MeetingCalendar.Uid(setup.LeasMeeting.Id), ev.Uid);
            Assert.Equal("CONFIRMED", ev.Status);
        }
    }

    [Theory]
    [InlineData("attendee")]
    [InlineData("partner-admin")]
    [InlineData("sales-contact")]
    public async Task AnotherPersonsMeetingIsNotFound(string role)
    {
        // Another attendee's meeting with another partner (Nordlys): not Léa's, not Acme's.
        var setup = await SetUpAsync();
        using var client = await portal.SignedInAsync(role);

        var response = await client.GetAsync(new Uri(CalendarFeedService.MeetingPath(setup.OthersMeeting.Id), UriKind.Relative));
        var unknown = await client.GetAsync(new Uri(CalendarFeedService.MeetingPath(Guid.NewGuid()), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
