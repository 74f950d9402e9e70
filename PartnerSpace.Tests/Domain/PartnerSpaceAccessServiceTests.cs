using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-4")]
public sealed partial class PartnerSpaceAccessServiceTests : IAsyncLifetime
{
    private static readonly SecurityActor Organizer = new(SecurityActorKind.Organizer, Guid.NewGuid(), "Nadia Organizer");
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizerId;
    private Partner _acme = null!;
    private Partner _nordlys = null!;
    private Partner _lonely = null!;
    private Person _acmeAdmin = null!;

    private PartnerSpaceAccessService Spaces => _db.Spaces;

    private MemberService Members => _db.Members;

    private Viewer OrganizerViewer => new(ViewerKind.Organizer, _organizerId);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _organizerId = (await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example")).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _nordlys = await _db.AddPartnerAsync(_eventId, "Nordlys");
        _lonely = await _db.AddPartnerAsync(_eventId, "Lonely");
        _acmeAdmin = await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.Administrator, "claire@acme.example");
        await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.SalesContact, "hugo@acme.example");
        await _db.AddMemberAsync(_eventId, _nordlys.Id, MemberRole.Administrator, "ingrid@nordlys.example");
        await _db.AddMemberAsync(_eventId, _lonely.Id, MemberRole.SalesContact, "sam@lonely.example");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private Task<Result<OpenOutcome>> OpenAsync(SpaceTarget target, bool send = true) =>
        Spaces.OpenAsync(_organizerId, _eventId, target, send, null, Organizer, RequestOrigin.Unknown);

    private Task<List<OutboxMessage>> OutboxAsync() => _db.QueryAsync(db => db.Outbox.OrderBy(m => m.CreatedAt).ToListAsync());

    private static string TokenOf(OutboxMessage mail) => Uri.UnescapeDataString(TokenInLink().Match(mail.TextBody).Groups[1].Value);

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task OpeningACategoryOpensThoseWithAnAdministratorAndRefusesTheOthersWithTheReason()
    {
        // All three are "Gold" (TestDatabase); Lonely has only a sales contact.
        var opened = await OpenAsync(SpaceTarget.OfCategory("gold"));

        Assert.True(opened.IsSuccess);
        Assert.Equal(["Acme", "Nordlys"], opened.Value!.Opened.Select(p => p.Name).Order());
        var refusal = Assert.Single(opened.Value.Refused);
        Assert.Equal((_lonely.Id, PartnerSpaceAccessService.NoAdministrator), (refusal.PartnerId, refusal.Code));
        Assert.Contains("no administrator", refusal.Reason, StringComparison.Ordinal);
        var partners = await _db.QueryAsync(db => db.Partners.ToDictionaryAsync(p => p.Name));
        Assert.NotNull(partners["Acme"].SpaceOpenedAt);
        Assert.Equal("Nadia Organizer", partners["Acme"].SpaceOpenedBy);
        Assert.Null(partners["Lonely"].SpaceOpenedAt);
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public async Task OpeningWithTheEmailSendsItToEveryAdministratorOnlyAndRecordsIt()
    {
        var opened = await OpenAsync(SpaceTarget.Selected(_acme.Id, _nordlys.Id));

        Assert.Equal(2, opened.Value!.EmailsQueued);
        var mails = await OutboxAsync();
        Assert.Equal(["claire@acme.example", "ingrid@nordlys.example"], mails.Select(m => m.To).Order());
        var claire = mails.Single(m => m.To == "claire@acme.example");
        Assert.Contains("Acme", claire.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/sign-in/link?token=", claire.TextBody, StringComparison.Ordinal);
        var link = await _db.QueryAsync(db => db.SignInLinks.SingleAsync(l => l.PersonId == _acmeAdmin.Id));
        Assert.Equal(SignInLink.AccessLifetime, link.ExpiresAt - link.CreatedAt);
        Assert.Equal(2, await _db.QueryAsync(db => db.AccessEmails.CountAsync()));
        var log = await _db.QueryAsync(db => db.SecurityEvents.ToListAsync());
        Assert.Equal(2, log.Count(e => e.Action == SecurityAction.SpaceOpened && e.ActorName == "Nadia Organizer"));
        Assert.Equal(2, log.Count(e => e.Action == SecurityAction.AccessEmailSent && e.ActorKind == SecurityActorKind.Organizer));
    }

    [Fact]
    public async Task OpeningWithoutTheEmailSendsNothingAndAnotherOrganizerCannotOpen()
    {
        var stranger = await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@organizer.example");

        var opened = await OpenAsync(SpaceTarget.All, send: false);
        var refused = await Spaces.OpenAsync(stranger.Id, _eventId, SpaceTarget.All, true, null, Organizer, RequestOrigin.Unknown);

        Assert.Equal(2, opened.Value!.Opened.Count);
        Assert.Equal(0, opened.Value.EmailsQueued);
        Assert.Empty(await OutboxAsync());
        Assert.Equal("not-organizer", refused.Error!.Code);
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public async Task SendingLeavesOutClosedSpacesAndSpacesWithoutAdministrator()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id), send: false);

        var sent = await Spaces.SendAsync(_organizerId, _eventId, SpaceTarget.All, null, Organizer, RequestOrigin.Unknown);

        Assert.Equal(1, sent.Value!.EmailsQueued);
        Assert.Equal(["Acme"], sent.Value.Sent.Select(p => p.Name));
        Assert.Equal(["Lonely: space-closed", "Nordlys: space-closed"], sent.Value.Refused.Select(r => $"{r.PartnerName}: {r.Code}").Order());
        Assert.Equal("claire@acme.example", Assert.Single(await OutboxAsync()).To);
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task TheLastAdministratorOfAnOpenedSpaceCannotBeRemovedNorDemoted()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id));
        var member = await _db.QueryAsync(db => db.PartnerMembers.SingleAsync(m => m.PersonId == _acmeAdmin.Id));

        var removed = await Members.RemoveAsync(OrganizerViewer, _acme.Id, member.Id);
        var demoted = await Members.ChangeRoleAsync(OrganizerViewer, _acme.Id, member.Id, MemberRole.SalesContact);

        Assert.Equal("last-administrator", removed.Error!.Code);
        Assert.Equal("last-administrator", demoted.Error!.Code);
        Assert.Equal(MemberRole.Administrator, (await _db.QueryAsync(db => db.PartnerMembers.SingleAsync(m => m.Id == member.Id))).Role);
    }

    [Fact]
    [Trait("Spec", "S-4.3")]
    public async Task AnAdministratorAddedToAnOpenedSpaceGetsTheEmailOnTheirOwn()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id), send: false);
        var seen = _db.Live.Sequence(Topics.Access(_eventId));

        var added = await Members.AddAsync(OrganizerViewer, _acme.Id, new MemberDraft("zoe@acme.example", "Zoé", "Martin", MemberRole.Administrator));
        await Members.AddAsync(OrganizerViewer, _acme.Id, new MemberDraft("sales2@acme.example", "Sam", "Seller", MemberRole.SalesContact));

        Assert.True(added.IsSuccess);
        var mail = Assert.Single(await OutboxAsync());
        Assert.Equal("zoe@acme.example", mail.To);
        Assert.Contains("Zoé", mail.TextBody, StringComparison.Ordinal);
        var record = await _db.QueryAsync(db => db.AccessEmails.SingleAsync());
        Assert.True(record.Automatic);
        var logged = await _db.QueryAsync(db => db.SecurityEvents.SingleAsync(e => e.Action == SecurityAction.AccessEmailSent));
        Assert.Equal((SecurityActorKind.System, "zoe@acme.example"), (logged.ActorKind, logged.Target));
        Assert.True(_db.Live.Sequence(Topics.Access(_eventId)) > seen);
    }

    [Fact]
    [Trait("Spec", "S-4.3")]
    public async Task NobodyAddedToAClosedSpaceGetsAnEmail()
    {
        await Members.AddAsync(OrganizerViewer, _nordlys.Id, new MemberDraft("new@nordlys.example", "New", "Admin", MemberRole.Administrator));

        Assert.Empty(await OutboxAsync());
        Assert.Equal(0, await _db.QueryAsync(db => db.AccessEmails.CountAsync()));
    }

    [Fact]
    [Trait("Spec", "S-4.3")]
    public async Task APromotionToAdministratorInAnOpenedSpaceSendsTheEmail()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id), send: false);
        var hugo = await _db.QueryAsync(db => db.PartnerMembers.SingleAsync(m => m.PartnerId == _acme.Id && m.Role == MemberRole.SalesContact));

        var promoted = await Members.ChangeRoleAsync(OrganizerViewer, _acme.Id, hugo.Id, MemberRole.Administrator);

        Assert.True(promoted.IsSuccess);
        Assert.Equal("hugo@acme.example", Assert.Single(await OutboxAsync()).To);
    }

    [Fact]
    [Trait("Spec", "S-4.3")]
    public async Task AnImportIntoAnOpenedSpaceEmailsItsAdministratorsInTheSameTransaction()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id), send: false);
        var import = _db.MemberImport;
        var csv = "email,first name,last name,role\nana@acme.example,Ana,One,administrator\nben@acme.example,Ben,Two,sales contact\n"u8.ToArray();

        var preview = await import.PreviewAsync(OrganizerViewer, _acme.Id, new MemoryStream(csv), excel: false);
        var imported = await import.ImportAsync(OrganizerViewer, _acme.Id, preview);

        Assert.True(imported.IsSuccess);
        Assert.Equal("ana@acme.example", Assert.Single(await OutboxAsync()).To);
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public async Task TheAccessViewFollowsTheEmailFromQueuedToDeliveredToLinkUsed()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id));

        var queued = (await Spaces.GetAsync(_organizerId, _acme.Id)).Value!;
        var claire = queued.Members.Single(m => m.Email == "claire@acme.example");
        Assert.Equal(AccessEmailState.Queued, claire.LastEmail!.State);
        Assert.Null(queued.Members.Single(m => m.Role == MemberRole.SalesContact).LastEmail);

        var mail = Assert.Single(await OutboxAsync());
        var deliveredAt = _db.Time.GetUtcNow().AddMinutes(1);
        await _db.QueryAsync(async db =>
        {
            var m = await db.Outbox.SingleAsync();
            m.Delivered(deliveredAt);
            return await db.SaveChangesAsync();
        });
        var delivered = (await Spaces.GetAsync(_organizerId, _acme.Id)).Value!.Members.Single(m => m.Email == "claire@acme.example").LastEmail!;
        Assert.Equal((AccessEmailState.Delivered, deliveredAt), (delivered.State, delivered.DeliveredAt));
        Assert.Null(delivered.LinkUsedAt);

        var seen = _db.Live.Sequence(Topics.Access(_eventId));
        var signedIn = await _db.Links.ConsumeAsync(TokenOf(mail));
        var again = await _db.Links.ConsumeAsync(TokenOf(mail));

        Assert.Equal(_acmeAdmin.Id, signedIn.Value!.PersonId);
        Assert.False(again.IsSuccess);
        Assert.NotNull((await Spaces.GetAsync(_organizerId, _acme.Id)).Value!.Members.Single(m => m.Email == "claire@acme.example").LastEmail!.LinkUsedAt);
        Assert.True(_db.Live.Sequence(Topics.Access(_eventId)) > seen);
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public async Task AFailedEmailShowsTheServersAnswer()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id));
        await _db.QueryAsync(db => db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.LastError, "550 mailbox unavailable").SetProperty(m => m.Attempts, 8)));

        var failed = (await Spaces.GetAsync(_organizerId, _acme.Id)).Value!.Members.Single(m => m.Email == "claire@acme.example").LastEmail!;

        Assert.Equal((AccessEmailState.Failed, "550 mailbox unavailable", 8), (failed.State, failed.Error, failed.Attempts));
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public async Task TheAccessLinkLastsSevenDaysWhileAskedForLinksStillLastFifteenMinutes()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id));
        var access = TokenOf(Assert.Single(await OutboxAsync()));
        await _db.Links.RequestAsync("claire@acme.example", null, TestDatabase.PortalUri);
        var asked = TokenOf((await OutboxAsync()).Last());

        _db.Time.Advance(TimeSpan.FromMinutes(16));

        Assert.False((await _db.Links.ConsumeAsync(asked)).IsSuccess);
        Assert.True(await _db.Links.IsUsableAsync(access));
        _db.Time.Advance(TimeSpan.FromDays(7));
        Assert.False((await _db.Links.ConsumeAsync(access)).IsSuccess);
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public async Task ResendGivesOneAdministratorANewLinkAndClosingStopsTheTrigger()
    {
        await OpenAsync(SpaceTarget.Selected(_acme.Id));

        var resent = await Spaces.ResendAsync(_organizerId, _acme.Id, _acmeAdmin.Id, null, Organizer, RequestOrigin.Unknown);
        var closed = await Spaces.CloseAsync(_organizerId, _eventId, SpaceTarget.Selected(_acme.Id), Organizer, RequestOrigin.Unknown);
        await Members.AddAsync(OrganizerViewer, _acme.Id, new MemberDraft("late@acme.example", "Late", "Comer", MemberRole.Administrator));
        var afterClose = await Spaces.ResendAsync(_organizerId, _acme.Id, _acmeAdmin.Id, null, Organizer, RequestOrigin.Unknown);

        Assert.True(resent.IsSuccess);
        Assert.Equal(1, closed.Value);
        Assert.Equal(PartnerSpaceAccessService.SpaceClosed, afterClose.Error!.Code);
        Assert.Equal(["claire@acme.example", "claire@acme.example"], (await OutboxAsync()).Select(m => m.To));
        var view = (await Spaces.GetAsync(_organizerId, _acme.Id)).Value!;
        Assert.False(view.IsOpen);
        Assert.Equal(2, view.Members.Single(m => m.Email == "claire@acme.example").EmailsSent);
        Assert.Contains(await _db.QueryAsync(db => db.SecurityEvents.Select(e => e.Action).ToListAsync()), a => a == SecurityAction.SpaceClosed);
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenInLink();
}
