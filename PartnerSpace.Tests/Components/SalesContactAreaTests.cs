using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Attendee.SalesContact;
using PartnerSpace.Web.Features.Meetings.Calendar;
using PartnerSpace.Web.Features.Meetings.Contacts;
using PartnerSpace.Web.Features.Meetings.List;

namespace PartnerSpace.Tests.Components;

/// <summary>
/// The sales contact's area of the attendee space on a real database (S-3): the not-registered
/// warning, the remembered partner, and the tabs the organizer's options allow. The partner
/// screens inside are stubbed: they have their own tests.
/// </summary>
[Trait("Spec", "S-3.1")]
[Trait("Spec", "S-3.2")]
[Trait("Spec", "S-1.8")]
public sealed class SalesContactAreaTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private readonly MemoryChoiceStore _store = new();
    private Guid _eventId;
    private Partner _acme = default!;
    private Partner _nordlys = default!;
    private Person _hugo = default!;
    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task ASalesContactNotRegisteredIsToldWhyAndSeesNoTabs()
    {
        await ArrangeAsync(registered: false);

        var cut = RenderArea();

        var warning = cut.WaitForElement("[data-testid=sales-contact-not-registered]");
        Assert.Contains("not registered to the event yet", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("Acme", warning.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=sales-contact-tabs]"));
    }

    [Fact]
    public async Task TheRememberedPartnerIsShownAndAChoiceIsRemembered()
    {
        await ArrangeAsync(registered: true);
        _store.Values[_eventId] = _nordlys.Id;

        var cut = RenderArea();

        cut.WaitForAssertion(() => Assert.Equal(_nordlys.Id, cut.FindComponent<Stub<MeetingList>>().Instance.Parameters.Get(p => p.PartnerId)));
        var select = cut.FindComponent<MudBlazor.MudSelect<Guid>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(_acme.Id));

        Assert.Equal(_acme.Id, _store.Values[_eventId]);
        cut.WaitForAssertion(() => Assert.Equal(_acme.Id, cut.FindComponent<Stub<MeetingList>>().Instance.Parameters.Get(p => p.PartnerId)));
    }

    [Fact]
    public async Task AForgottenOrForeignChoiceFallsBackToTheFirstPartner()
    {
        await ArrangeAsync(registered: true);
        _store.Values[_eventId] = Guid.NewGuid();

        var cut = RenderArea();

        cut.WaitForAssertion(() => Assert.Equal(_acme.Id, cut.FindComponent<Stub<MeetingList>>().Instance.Parameters.Get(p => p.PartnerId)));
    }

    [Fact]
    public async Task TheTabsFollowTheOrganizersOptions()
    {
        await ArrangeAsync(registered: true);
        var cut = RenderArea();
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<Stub<MeetingList>>()));
        Assert.Equal(["Meetings"], Tabs(cut));

        await _db.SetOptionsAsync(_eventId, EventOptionValues.Default with { SalesContactsContactAttendees = true, SalesContactsChooseSlots = true });
        cut = RenderArea();
        cut.WaitForAssertion(() => Assert.Equal(["Meetings", "Contacts", "Calendar"], Tabs(cut)));
        cut.FindAll(".mud-tab")[1].Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<Stub<ContactList>>()));

        await _db.SetOptionsAsync(_eventId, EventOptionValues.Default with { SalesContactTab = false });
        cut = RenderArea();
        cut.WaitForElement("[data-testid=sales-contact-off]");
        Assert.Empty(cut.FindAll("[data-testid=sales-contact-tabs]"));
    }

    private static List<string> Tabs(IRenderedComponent<SalesContactArea> cut) => [.. cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim())];

    private async Task ArrangeAsync(bool registered)
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _nordlys = await _db.AddPartnerAsync(_eventId, "Nordlys");
        _hugo = await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.SalesContact, "hugo@acme.example");
        await _db.SaveAsync(new PartnerMember(_nordlys.Id, _hugo.Id, MemberRole.SalesContact, _db.Time.GetUtcNow()));
        if (registered)
        {
            await _db.RegisterAsync(_eventId, _hugo.Id, "B-HUGO");
        }

        Services.AddSingleton(new PartnerService(_db.Factory));
        Services.AddSingleton(new MeetingAccessService(_db.Factory));
        Services.AddSingleton<IPartnerChoiceStore>(_store);
        ComponentFactories.AddStub<MeetingList>();
        ComponentFactories.AddStub<ContactList>();
        ComponentFactories.AddStub<MeetingCalendarView>();
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(_hugo.Id, _eventId, _hugo.Email, _hugo.FullName, "en"), "Test"));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<SalesContactArea> RenderArea()
    {
        _popovers ??= Render<MudBlazor.MudPopoverProvider>();
        return Render<SalesContactArea>(p => p.Add(a => a.EventId, _eventId).Add(a => a.TimeZoneId, "Europe/Paris"));
    }

    private sealed class MemoryChoiceStore : IPartnerChoiceStore
    {
        public Dictionary<Guid, Guid> Values { get; } = [];

        public Task<Guid?> GetAsync(Guid eventId) => Task.FromResult(Values.TryGetValue(eventId, out var id) ? id : (Guid?)null);

        public Task SetAsync(Guid eventId, Guid partnerId)
        {
            Values[eventId] = partnerId;
            return Task.CompletedTask;
        }
    }
}
