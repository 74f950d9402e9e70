using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Meetings.CalendarLink;

namespace PartnerSpace.Tests.Components;

/// <summary>
/// S-3.4: the calendar-link card. The token is stored hashed, so the link shows once when made;
/// making a new one (confirmed) stops the old one; stopping it (confirmed) leaves none.
/// </summary>
[Trait("Spec", "S-3.4")]
public sealed class CalendarLinkCardTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private Person _lea = null!;
    private Partner _acme = null!;
    private Guid _eventId;

    private CalendarFeedService Feeds => new(_db.Factory, _db.Time);

    private Viewer Lea => new(ViewerKind.Person, _lea.Id);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private async Task<IRenderedComponent<CalendarLinkCard>> RenderCardAsync(FeedOwner kind = FeedOwner.Person, Guid? ownerId = null, Func<Task>? arrange = null)
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _eventId = ev.Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _lea = await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.Administrator, "lea@acme.example");
        if (arrange is not null)
        {
            await arrange();
        }

        Services.AddSingleton(Feeds);
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(_lea.Id, _eventId, _lea.Email, _lea.FullName, "en"), "Test"));
        Render<MudSnackbarProvider>();
        _dialogs = Render<MudDialogProvider>();
        var cut = Render<CalendarLinkCard>(p => p
            .Add(x => x.OwnerKind, kind)
            .Add(x => x.OwnerId, ownerId ?? (kind == FeedOwner.Person ? _lea.Id : _acme.Id)));
        return cut;
    }

    private void Answer(string button) =>
        _dialogs.WaitForElements(".mud-message-box button").Single(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public async Task CreatingTheLinkShowsItsAbsoluteAddressOnceAndCopiesIt()
    {
        var cut = await RenderCardAsync();
        cut.WaitForElement("[data-testid=calendar-link-none]");
        Assert.Contains("Subscribe in your calendar app", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=calendar-link-regenerate]"));

        cut.Find("[data-testid=calendar-link-create]").Click();

        var url = cut.WaitForElement("input[data-testid=calendar-link-url]").GetAttribute("value")!;
        Assert.Matches("^http://localhost/calendar/[^/]+\\.ics$", url);
        var token = url["http://localhost/calendar/".Length..^".ics".Length];
        Assert.NotNull(await Feeds.GetFeedAsync(token));
        Assert.Contains("Copy it now: it will not be shown again.", cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-testid=calendar-link-copy]").Click();
        var copy = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(url, copy.Arguments[0]);

        // Shown once: the next visit only knows a link exists.
        var again = Render<CalendarLinkCard>(p => p.Add(x => x.OwnerKind, FeedOwner.Person).Add(x => x.OwnerId, _lea.Id));
        again.WaitForElement("[data-testid=calendar-link-exists]");
        Assert.Empty(again.FindAll("[data-testid=calendar-link-url]"));
    }

    [Fact]
    public async Task MakingANewLinkIsConfirmedAndStopsTheOldOne()
    {
        string? oldToken = null;
        var cut = await RenderCardAsync(arrange: async () => oldToken = (await Feeds.RegenerateAsync(Lea, FeedOwner.Person, _lea.Id)).Value!.Token);
        cut.WaitForElement("[data-testid=calendar-link-exists]");

        cut.Find("[data-testid=calendar-link-regenerate]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("The current link stops working at once", _dialogs.Markup, StringComparison.Ordinal));
        Answer("Cancel");
        Assert.NotNull(await Feeds.GetFeedAsync(oldToken));
        Assert.Empty(cut.FindAll("[data-testid=calendar-link-url]"));

        cut.Find("[data-testid=calendar-link-regenerate]").Click();
        Answer("Make a new link");

        var url = cut.WaitForElement("input[data-testid=calendar-link-url]").GetAttribute("value")!;
        Assert.Null(await Feeds.GetFeedAsync(oldToken));
        Assert.NotNull(await Feeds.GetFeedAsync(url["http://localhost/calendar/".Length..^".ics".Length]));
    }

    [Fact]
    public async Task StoppingTheLinkIsConfirmedAndLeavesNone()
    {
        string? token = null;
        var cut = await RenderCardAsync(arrange: async () => token = (await Feeds.RegenerateAsync(Lea, FeedOwner.Person, _lea.Id)).Value!.Token);
        cut.WaitForElement("[data-testid=calendar-link-exists]");

        cut.Find("[data-testid=calendar-link-revoke]").Click();
        Answer("Stop the link");

        cut.WaitForElement("[data-testid=calendar-link-none]");
        Assert.Null(await Feeds.GetFeedAsync(token));
    }

    [Fact]
    public async Task APartnersLinkIsForItsStaffAndSomeoneElsesCardShowsNothing()
    {
        var partner = await RenderCardAsync(FeedOwner.Partner);
        partner.WaitForElement("[data-testid=calendar-link-create]");
        partner.Find("[data-testid=calendar-link-create]").Click();
        partner.WaitForElement("input[data-testid=calendar-link-url]");

        var other = await _db.AddPersonAsync(_eventId, "tom@guest.example");
        var someoneElses = Render<CalendarLinkCard>(p => p.Add(x => x.OwnerKind, FeedOwner.Person).Add(x => x.OwnerId, other.Id));

        someoneElses.WaitForAssertion(() => Assert.Empty(someoneElses.FindAll("[data-testid=calendar-link-card]")));
    }
}

/// <summary>The card in French, with the help for each calendar application.</summary>
[Trait("Spec", "S-3.4")]
public sealed class CalendarLinkCardFrenchTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();

    public CalendarLinkCardFrenchTests()
        : base("fr")
    {
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TheCardSpeaksFrench()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var acme = await _db.AddPartnerAsync(ev.Id, "Acme");
        var lea = await _db.AddMemberAsync(ev.Id, acme.Id, MemberRole.Administrator, "lea@acme.example");
        Services.AddSingleton(new CalendarFeedService(_db.Factory, _db.Time));
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(lea.Id, ev.Id, lea.Email, lea.FullName, "fr"), "Test"));

        var cut = Render<CalendarLinkCard>(p => p.Add(x => x.OwnerKind, FeedOwner.Partner).Add(x => x.OwnerId, acme.Id));

        cut.WaitForElement("[data-testid=calendar-link-none]");
        Assert.Contains("S'abonner dans votre agenda", cut.Find("[data-testid=calendar-link-card] h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("Créer le lien d'agenda", cut.Find("[data-testid=calendar-link-create]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Comment s'abonner", cut.Find("[data-testid=calendar-link-howto]").TextContent, StringComparison.Ordinal);
    }
}
