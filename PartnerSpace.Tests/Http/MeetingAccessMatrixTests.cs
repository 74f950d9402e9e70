using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Organizer;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// Issue 6 item 10: who gets a meeting's <c>.ics</c>, a private feed and an outbox attachment, on the
/// demo's own meetings. Everyone else gets 404 (or the sign-in redirect) and never the data.
/// </summary>
[Trait("Spec", "S-3.4")]
[Trait("Spec", "S-1.8")]
[Trait("Spec", "S-3.1")]
public sealed partial class MeetingAccessMatrixTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private const string Nordlys = "Nordlys Énergie";
    private const string UnregisteredSalesContact = "mathis.roux@nordlys.example";

    private enum Who
    {
        Anonymous,
        Organizer,
        AcmeAdmin,
        SalesContact,
        Attendee,
        UnregisteredSalesContact,
    }

    /// <summary>A request Acme received with nobody assigned yet (not Léa's, not Hugo's own).</summary>
    private Task<Meeting> AcmesPendingRequestAsync() => portal.QueryAsync(async db =>
    {
        var acme = await db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName);
        return await db.Meetings.FirstAsync(m => m.PartnerId == acme.Id && m.Status == MeetingStatus.Pending && m.Origin == MeetingOrigin.AttendeeRequest && m.HostPersonId == null);
    });

    /// <summary>Léa's request to Nordlys, another partner.</summary>
    private Task<Meeting> LeasNordlysRequestAsync() => portal.QueryAsync(async db =>
    {
        var nordlys = await db.Partners.SingleAsync(p => p.Name == Nordlys);
        var lea = await db.People.SingleAsync(p => p.Email == DemoData.AttendeeEmail);
        return await db.Meetings.SingleAsync(m => m.PartnerId == nordlys.Id && m.AttendeePersonId == lea.Id);
    });

    [Theory]
    [InlineData(nameof(Who.AcmeAdmin), HttpStatusCode.OK)]
    [InlineData(nameof(Who.SalesContact), HttpStatusCode.OK)]
    [InlineData(nameof(Who.Organizer), HttpStatusCode.OK)]
    [InlineData(nameof(Who.Attendee), HttpStatusCode.NotFound)]
    [InlineData(nameof(Who.UnregisteredSalesContact), HttpStatusCode.NotFound)]
    [InlineData(nameof(Who.Anonymous), HttpStatusCode.Redirect)]
    public async Task APartnersMeetingFileIsForWhoeverActsForThePartner(string who, HttpStatusCode expected)
    {
        var meeting = await AcmesPendingRequestAsync();

        await ExpectMeetingAsync(Enum.Parse<Who>(who), meeting, expected);
    }

    [Theory]
    [InlineData(nameof(Who.Attendee), HttpStatusCode.OK)]
    [InlineData(nameof(Who.Organizer), HttpStatusCode.OK)]
    [InlineData(nameof(Who.AcmeAdmin), HttpStatusCode.NotFound)]
    [InlineData(nameof(Who.SalesContact), HttpStatusCode.NotFound)]
    [InlineData(nameof(Who.UnregisteredSalesContact), HttpStatusCode.NotFound)]
    [InlineData(nameof(Who.Anonymous), HttpStatusCode.Redirect)]
    public async Task AnAttendeesMeetingWithAnotherPartnerIsTheirsAndThatPartnersOnly(string who, HttpStatusCode expected)
    {
        // Léa's request to Nordlys: Acme's people see nothing; Nordlys' unregistered sales contact neither (S-3.1).
        var meeting = await LeasNordlysRequestAsync();

        await ExpectMeetingAsync(Enum.Parse<Who>(who), meeting, expected);
    }

    [Fact]
    public async Task APartnersFeedServesItsMeetingsUntilItIsRevoked()
    {
        var acme = await portal.PartnerIdAsync(DemoData.AcmeName);
        var hugo = await portal.QueryAsync(db => db.People.Where(p => p.Email == DemoData.AcmeSalesContactEmail).Select(p => p.Id).SingleAsync());
        var feeds = portal.Services.GetRequiredService<CalendarFeedService>();
        var hugoViewer = new Viewer(ViewerKind.Person, hugo);
        var link = (await feeds.RegenerateAsync(hugoViewer, FeedOwner.Partner, acme)).Value!;
        using var client = portal.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(link.Path!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var uids = calendar.Events.Select(e => e.Uid).ToList();
        Assert.Contains(MeetingCalendar.Uid((await AcmesPendingRequestAsync()).Id), uids);
        Assert.DoesNotContain(MeetingCalendar.Uid((await LeasNordlysRequestAsync()).Id), uids);

        Assert.True((await feeds.RevokeAsync(hugoViewer, FeedOwner.Partner, acme)).IsSuccess);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(link.Path!, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AnUnregisteredSalesContactCannotMakeTheirPartnersFeed()
    {
        var nordlys = await portal.PartnerIdAsync(Nordlys);
        var mathis = await portal.QueryAsync(db => db.People.Where(p => p.Email == UnregisteredSalesContact).Select(p => p.Id).SingleAsync());

        var result = await portal.Services.GetRequiredService<CalendarFeedService>().RegenerateAsync(new Viewer(ViewerKind.Person, mathis), FeedOwner.Partner, nordlys);

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }

    [Fact]
    [Trait("Spec", "S-2.9")]
    public async Task AnOutboxAttachmentIsForTheOrganizersOfItsEventOnly()
    {
        var (ours, theirs) = await portal.QueryAsync(async db =>
        {
            var show = await db.Events.SingleAsync(e => e.Slug == DemoData.EventSlug);
            var other = new Event($"other-{Guid.NewGuid():N}"[..20], new LocalizedText("Autre", "Other"), show.StartsAt, show.EndsAt, "Europe/Paris");
            db.Events.Add(other);
            var ics = MeetingCalendar.OneMeeting(
                new CalendarMeeting(Guid.NewGuid(), "Acme", new CalendarPerson("Léa Moreau", DemoData.AttendeeEmail), null, null, show.StartsAt, show.StartsAt.AddMinutes(30), MeetingStatus.Pending, 0, "Europe/Paris", "Show"),
                show.StartsAt);
            var mine = new OutboxMessage(show.Id, DemoData.AcmeAdminEmail, "Demande de rendez-vous", "Texte", "<p>Texte</p>", show.StartsAt)
                .WithAttachment(MeetingNotifier.AttachmentName, "text/calendar; method=REQUEST", ics);
            var notMine = new OutboxMessage(other.Id, "someone@other.example", "Other", "Text", "<p>Text</p>", show.StartsAt)
                .WithAttachment(MeetingNotifier.AttachmentName, "text/calendar; method=REQUEST", ics);
            db.Outbox.AddRange(mine, notMine);
            await db.SaveChangesAsync();
            return (mine.Id, notMine.Id);
        });
        var path = OutboxEndpoints.AttachmentPath(ours);

        using var organizer = await portal.SignedInAsync("organizer");
        var response = await organizer.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(MeetingNotifier.AttachmentName, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("REQUEST", Calendar.Load(await response.Content.ReadAsStringAsync())!.Method);

        // The outbox screen names the attachment and links to it.
        var screen = await organizer.GetStringAsync(new Uri("/organizer/outbox", UriKind.Relative));
        Assert.Contains($"href=\"{path}\"", screen, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outbox-attachment-name\"", screen, StringComparison.Ordinal);

        // Another event's e-mail and an unknown one do not exist for this organizer.
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.GetAsync(new Uri(OutboxEndpoints.AttachmentPath(theirs), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.GetAsync(new Uri(OutboxEndpoints.AttachmentPath(Guid.NewGuid()), UriKind.Relative))).StatusCode);

        // Not an organizer: refused before anything is read; anonymous: sent to sign in.
        foreach (var role in new[] { "partner-admin", "sales-contact", "attendee" })
        {
            using var client = await portal.SignedInAsync(role);
            var refused = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("VCALENDAR", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var anonymous = portal.CreateBrowserlessClient();
        var redirected = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/sign-in", redirected.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task ExpectMeetingAsync(Who who, Meeting meeting, HttpStatusCode expected)
    {
        using var client = await ClientAsync(who);

        var response = await client.GetAsync(new Uri(CalendarFeedService.MeetingPath(meeting.Id), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(expected == response.StatusCode, $"{who}: expected {(int)expected}, got {(int)response.StatusCode}");
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(MeetingCalendar.Uid(meeting.Id), Assert.Single(Calendar.Load(body)!.Events).Uid);
        }
        else
        {
            Assert.DoesNotContain(MeetingCalendar.Uid(meeting.Id), body, StringComparison.Ordinal);
        }

        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private async Task<HttpClient> ClientAsync(Who who) => who switch
    {
        Who.Anonymous => portal.CreateBrowserlessClient(),
        Who.UnregisteredSalesContact => await SignedInWithLinkAsync(UnregisteredSalesContact),
        _ => await portal.SignedInAsync(who switch
        {
            Who.Organizer => "organizer",
            Who.AcmeAdmin => "partner-admin",
            Who.SalesContact => "sales-contact",
            _ => "attendee",
        }),
    };

    /// <summary>Signs a person in as they would: a link sent to their address, then the form that uses it.</summary>
    private async Task<HttpClient> SignedInWithLinkAsync(string email)
    {
        var links = portal.Services.GetRequiredService<SignInLinkService>();
        Assert.True((await links.RequestAsync(email, null, new Uri("http://localhost/"))).IsSuccess);
        var mail = await portal.QueryAsync(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).FirstAsync());
        var token = Uri.UnescapeDataString(TokenInMail().Match(mail.TextBody).Groups[1].Value);
        var client = portal.CreateBrowserlessClient();
        var antiforgery = await PartnerSpaceFactory.AntiforgeryTokenAsync(client, "/sign-in");
        var response = await client.PostAsync(
            new Uri("/auth/link/consume", UriKind.Relative),
            new FormUrlEncodedContent([KeyValuePair.Create("token", token), KeyValuePair.Create("__RequestVerificationToken", antiforgery)]));
        Assert.Equal("/start", response.Headers.Location?.OriginalString);
        return client;
    }

    [GeneratedRegex(@"/sign-in/link\?token=(\S+)")]
    private static partial Regex TokenInMail();
}
