using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// The demo portal plus what the isolation and hostile-input tests need, in the test's database
/// only (never in the demo): a device key of a second partner (Nordlys), a second event with its
/// own organizer and partner, a private file, a lead with a private marker, an e-mail with an
/// attachment and a calendar feed per side. Each request comes from its own address, so the
/// sign-in rate limit (per address) does not answer 429 to a test that sends hundreds of forms.
/// </summary>
public sealed class SecurityPortal : PartnerSpaceFactory, IAsyncLifetime
{
    public const string NordlysName = "Nordlys Énergie";
    public const string OtherOrganizerEmail = "organizer@other-event.example";
    public const string OtherOrganizerPassword = "Other-Organizer-2026!";

    /// <summary>Private text of each partner (a lead's notes, an e-mail's subject): never in anyone else's answer.</summary>
    public string MarkerA { get; } = "ACME-PRIVATE-" + Guid.NewGuid().ToString("N")[..8];

    public string MarkerB { get; } = "NORDLYS-PRIVATE-" + Guid.NewGuid().ToString("N")[..8];

    public string OtherPartnerName { get; } = "Zephyr Other " + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Acme, the demo partner.</summary>
    public PartnerIds A { get; private set; } = default!;

    /// <summary>Nordlys, another partner of the same event.</summary>
    public PartnerIds B { get; private set; } = default!;

    /// <summary>A partner of another event, with its own organizer.</summary>
    public PartnerIds C { get; private set; } = default!;

    /// <summary>Nordlys' device key, made for this test's database.</summary>
    public string DeviceKeyB { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, OwnAddressPerRequest>());
    }

    public async Task InitializeAsync()
    {
        var acme = await PartnerIdAsync(DemoData.AcmeName);
        var nordlys = await PartnerIdAsync(NordlysName);
        var show = await QueryAsync(db => db.Events.SingleAsync(e => e.Slug == DemoData.EventSlug));

        // Badges on, so the badge files answer for those who may have them (S-1.5).
        var options = Services.GetRequiredService<EventOptionsService>();
        var state = await options.GetAsync(show.Id);
        await options.SaveAsync(show.Id, state with { Values = state.Values with { TeamShowBadges = true } }, new Actor(Guid.NewGuid(), "Tests"));

        DeviceKeyB = (await Services.GetRequiredService<DeviceKeyService>().CreateAsync(nordlys, "Isolation test")).Token;
        var leadA = await LeadWithNotesAsync(DemoData.AcmeDeviceKey, MarkerA);
        var leadB = await LeadWithNotesAsync(DeviceKeyB, MarkerB);

        var files = Services.GetRequiredService<FileService>();
        var fileA = await files.StoreAsync(show.Id, acme, FilePurpose.FormFile, "private-a.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);
        var fileB = await files.StoreAsync(show.Id, nordlys, FilePurpose.FormFile, "private-b.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);

        var (memberA, memberB, meetingA, meetingB) = await QueryAsync(async db =>
        {
            var lea = await db.People.SingleAsync(p => p.Email == DemoData.AttendeeEmail);
            return (
                await db.PartnerMembers.Where(m => m.PartnerId == acme && m.Person!.Email == DemoData.AcmeSalesContactEmail).Select(m => m.Id).SingleAsync(),
                await db.PartnerMembers.Where(m => m.PartnerId == nordlys).Select(m => m.Id).FirstAsync(),
                // A request Acme received that is not Léa's and has no host: Acme's people act for it.
                await db.Meetings.Where(m => m.PartnerId == acme && m.Status == MeetingStatus.Pending && m.Origin == MeetingOrigin.AttendeeRequest && m.HostPersonId == null && m.AttendeePersonId != lea.Id).Select(m => m.Id).FirstAsync(),
                // Léa's request to Nordlys: nothing of Acme's administrator.
                await db.Meetings.Where(m => m.PartnerId == nordlys && m.AttendeePersonId == lea.Id).Select(m => m.Id).FirstAsync());
        });

        var hugo = await QueryAsync(db => db.People.Where(p => p.Email == DemoData.AcmeSalesContactEmail).Select(p => p.Id).SingleAsync());
        var feed = (await Services.GetRequiredService<CalendarFeedService>().RegenerateAsync(new Viewer(ViewerKind.Person, hugo), FeedOwner.Partner, acme)).Value!;

        // Another event: its organizer, its partner, an e-mail and a private file of its own.
        var other = new Event($"other-{Guid.NewGuid():N}"[..20], new LocalizedText("Autre salon", "Other expo"), show.StartsAt, show.EndsAt, "Europe/Paris");
        var otherPartner = new Partner(other.Id, OtherPartnerName, "Gold", false, show.StartsAt.AddDays(-10));
        var (outboxA, outboxC) = await QueryAsync(async db =>
        {
            db.Events.Add(other);
            db.Partners.Add(otherPartner);
            var mine = new OutboxMessage(show.Id, DemoData.AcmeAdminEmail, MarkerA, "Text", "<p>Text</p>", show.StartsAt)
                .WithAttachment("meeting.ics", "text/calendar", $"BEGIN:VCALENDAR\r\nX-NOTE:{MarkerA}\r\nEND:VCALENDAR\r\n");
            var theirs = new OutboxMessage(other.Id, "someone@other-event.example", "Other", "Text", "<p>Text</p>", show.StartsAt)
                .WithAttachment("meeting.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
            db.Outbox.AddRange(mine, theirs);
            await db.SaveChangesAsync();
            return (mine.Id, theirs.Id);
        });
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>();
            var organizer = new OrganizerUser { UserName = OtherOrganizerEmail, Email = OtherOrganizerEmail, EmailConfirmed = true, DisplayName = "Other Organizer" };
            Assert.True((await users.CreateAsync(organizer, OtherOrganizerPassword)).Succeeded);
            await QueryAsync(async db =>
            {
                db.EventOrganizers.Add(new EventOrganizer(other.Id, organizer.Id));
                return await db.SaveChangesAsync();
            });
        }

        var fileC = await files.StoreAsync(other.Id, otherPartner.Id, FilePurpose.FormFile, "private-c.png", PartnerSpace.Domain.Forms.FileKind.Png, SampleImages.Png);

        var token = feed.Token!;
        A = new PartnerIds(DemoData.AcmeName, show.Id, show.Slug, acme, memberA, leadA, fileA, meetingA, outboxA, token);
        B = new PartnerIds(NordlysName, show.Id, show.Slug, nordlys, memberB, leadB, fileB, meetingB, outboxA, token);
        C = new PartnerIds(OtherPartnerName, other.Id, other.Slug, otherPartner.Id, Guid.NewGuid(), Guid.NewGuid(), fileC, Guid.NewGuid(), outboxC, token);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>A client with a device key, no cookie.</summary>
    public HttpClient Device(string key)
    {
        var client = CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The other event's organizer, signed in with the password form as a browser would.</summary>
    public async Task<HttpClient> OtherOrganizerAsync()
    {
        var client = CreateBrowserlessClient();
        var token = await AntiforgeryTokenAsync(client, "/sign-in");
        var response = await client.PostAsync(new Uri("/auth/password", UriKind.Relative), new FormUrlEncodedContent(
        [
            KeyValuePair.Create("email", OtherOrganizerEmail),
            KeyValuePair.Create("password", OtherOrganizerPassword),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]));
        Assert.Equal("/organizer", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>A scan through the API, then notes on its lead: the partner's private marker.</summary>
    private async Task<Guid> LeadWithNotesAsync(string key, string marker)
    {
        using var device = Device(key);
        var scan = await device.PostAsJsonAsync(new Uri("/api/v1/scans", UriKind.Relative), new
        {
            scanId = Guid.NewGuid(),
            badgeCode = "DEMO-0042",
            scannedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            scannedBy = "staff@partner.example",
            note = marker,
        });
        Assert.True(scan.IsSuccessStatusCode, await scan.Content.ReadAsStringAsync());
        var leadId = (await scan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetGuid();
        var card = await device.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/leads/{leadId}", UriKind.Relative));
        var version = card.GetProperty("qualification").GetProperty("version").GetInt32();
        var patch = await device.PatchAsJsonAsync(new Uri($"/api/v1/leads/{leadId}/qualification", UriKind.Relative), new { notes = marker, version });
        Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
        return leadId;
    }

    /// <summary>Gives each request an address of its own (the test host has none).</summary>
    private sealed class OwnAddressPerRequest : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = new IPAddress(Random.Shared.NextInt64(0x0100000A, 0xFFFFFF0A) & 0xFFFFFFFF);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
