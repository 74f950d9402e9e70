using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Meetings.Contacts;
using PartnerSpace.Web.Features.Meetings.List;

namespace PartnerSpace.Tests.Components;

/// <summary>The Contact list and Meetings components on a real database, a partner administrator signed in (S-2.8, S-2.9).</summary>
[Trait("Spec", "S-2.8")]
[Trait("Spec", "S-2.9")]
public sealed class ContactsAndMeetingsTests : ComponentTestBase
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private Event _event = null!;
    private Guid _partnerId;
    private Viewer _ada = null!;

    private MeetingService Meetings => new(_db.Factory, _db.Live, _db.Time);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TheContactListPagesOnTheServer()
    {
        await ArrangeAsync();
        for (var i = 0; i < 30; i++)
        {
            await _db.AddAttendeeAsync(_event.Id, $"B-{i}", $"p{i}@guest.example", $"First{i:00}", $"Last{i:00}");
        }

        var cut = RenderContacts();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=contact-name]").Count));
        Assert.Equal("First00 Last00", cut.FindAll("[data-testid=contact-name]")[0].TextContent.Trim());
        Assert.Contains("1-25 of 30", cut.Markup, StringComparison.Ordinal);
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=contact-name]").Count));
        Assert.Equal("First25 Last25", cut.FindAll("[data-testid=contact-name]")[0].TextContent.Trim());
    }

    [Fact]
    public async Task ProposingAMeetingInvitesTheAttendeeAndATakenSlotKeepsTheDialogOpen()
    {
        await ArrangeAsync();
        var lea = (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId;
        var tom = (await _db.AddAttendeeAsync(_event.Id, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId;
        var first = await SlotAsync(Tomorrow);
        await SlotAsync(Tomorrow.AddHours(1));
        var cut = RenderContacts();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=contact-propose]").Count));

        // Léa is second (Hardy, Martin); meanwhile Tom takes the first slot.
        cut.FindAll("[data-testid=contact-propose]")[1].Click();
        _dialogs.WaitForAssertion(() => Assert.Equal(2, SlotInputs().Count));
        SlotInputs()[0].Click();
        Assert.True((await Meetings.InviteAsync(_ada, first.Id, tom, null)).IsSuccess);
        _dialogs.Find("[data-testid=propose-send]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("This slot was just taken.", _dialogs.Find("[data-testid=propose-error]").TextContent.Trim()));
        Assert.Single(SlotInputs());
        SlotInputs()[0].Click();
        _dialogs.Find("[data-testid=propose-send]").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=propose-dialog]")));
        var meeting = await _db.QueryAsync(db => db.Meetings.SingleAsync(m => m.AttendeePersonId == lea));
        Assert.Equal(MeetingStatus.Pending, meeting.Status);
        Assert.Equal(MeetingOrigin.PartnerInvitation, meeting.Origin);
    }

    [Fact]
    public async Task ASentMessageShowsInTheMessagesWithItsAnswer()
    {
        await ArrangeAsync();
        await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin");
        var cut = RenderContacts();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=contact-message]")));

        cut.Find("[data-testid=contact-message]").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=message-send]"));
        _dialogs.Find("[data-testid=message-send]").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("Write a message.", _dialogs.Find("[data-testid=message-error]").TextContent.Trim()));
        _dialogs.Find("textarea[data-testid=message-body]").Input("Come and see our demo");
        _dialogs.Find("[data-testid=message-send]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Come and see our demo", cut.Find("[data-testid=contact-message-body]").TextContent.Trim()));
        Assert.Equal("No answer yet", cut.Find("[data-testid=contact-message-answer]").TextContent.Trim());
    }

    [Fact]
    public async Task ASalesContactWithoutTheContactOptionSeesWhyNot()
    {
        await ArrangeAsync(signIn: false);
        var hugo = await _db.AddMemberAsync(_event.Id, _partnerId, MemberRole.SalesContact, "hugo@acme.example");
        await _db.RegisterAsync(_event.Id, hugo.Id, "B-HUGO");
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = false });
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(hugo.Id, _event.Id, hugo.Email, "Hugo", "en"), "Test"));

        var cut = RenderContacts();

        cut.WaitForAssertion(() => Assert.Contains("Contacting attendees is not available", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=contact-table]"));
    }

    [Fact]
    public async Task TheMeetingListShowsActionsByStateAndSide()
    {
        await ArrangeAsync();
        var lea = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        var tom = (await _db.AddAttendeeAsync(_event.Id, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId;
        var requested = (await Meetings.RequestAsync(lea, (await SlotAsync(Tomorrow)).Id, "Hello")).Value;
        var invited = (await Meetings.InviteAsync(_ada, (await SlotAsync(Tomorrow.AddHours(1))).Id, tom, null)).Value;

        var cut = RenderMeetings();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=meeting-row]").Count));
        var received = Row(cut, requested);
        Assert.Single(received.QuerySelectorAll("[data-testid=meeting-accept]"));
        Assert.Contains("Answer before", received.QuerySelector("[data-testid=meeting-expiry]")!.TextContent, StringComparison.Ordinal);
        var sent = Row(cut, invited);
        Assert.Empty(sent.QuerySelectorAll("[data-testid=meeting-accept]"));
        Assert.Single(sent.QuerySelectorAll("[data-testid=meeting-cancel]"));
        Assert.Equal($"/meetings/{invited}.ics", sent.QuerySelector("[data-testid=meeting-ics]")!.GetAttribute("href"));

        Row(cut, requested).QuerySelector("[data-testid=meeting-accept]")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("accepted", Row(cut, requested).GetAttribute("data-status")));
        Assert.Empty(Row(cut, requested).QuerySelectorAll("[data-testid=meeting-accept]"));
        Assert.Single(Row(cut, requested).QuerySelectorAll("[data-testid=meeting-reschedule]"));
    }

    [Fact]
    public async Task TheMeetingListFiltersByDirectionAndStatus()
    {
        await ArrangeAsync();
        var lea = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        var tom = (await _db.AddAttendeeAsync(_event.Id, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId;
        var requested = (await Meetings.RequestAsync(lea, (await SlotAsync(Tomorrow)).Id, null)).Value;
        await Meetings.InviteAsync(_ada, (await SlotAsync(Tomorrow.AddHours(1))).Id, tom, null);
        await Meetings.DeclineAsync(_ada, requested, 0);
        var cut = RenderMeetings();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=meeting-row]").Count));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<MeetingDirection?>>()[0].Instance.ValueChanged.InvokeAsync(MeetingDirection.Received));
        cut.WaitForAssertion(() => Assert.Equal("Léa Martin", Assert.Single(cut.FindAll("[data-testid=meeting-attendee]")).TextContent.Trim()));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<MeetingStatus?>>()[0].Instance.ValueChanged.InvokeAsync(MeetingStatus.Pending));
        cut.WaitForAssertion(() => Assert.Contains("No meeting matches", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMeetingThreadShowsAndSendsMessages()
    {
        await ArrangeAsync();
        var lea = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        var requested = (await Meetings.RequestAsync(lea, (await SlotAsync(Tomorrow)).Id, "Hello from Léa")).Value;
        var cut = RenderMeetings();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=meeting-row]")));

        cut.Find("[data-testid=meeting-thread-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Hello from Léa", cut.Find("[data-testid=meeting-thread]").TextContent, StringComparison.Ordinal));
        cut.Find("textarea[data-testid=meeting-thread-input]").Input("See you there");
        cut.Find("[data-testid=meeting-thread-send]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=meeting-thread-message]").Count));
        Assert.Equal(2, (await Meetings.ListMessagesAsync(lea, requested)).Value!.Count);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task ARequestMadeElsewhereAppearsWithoutReload()
    {
        await ArrangeAsync();
        var lea = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        var slot = await SlotAsync(Tomorrow);
        var cut = RenderMeetings();
        cut.WaitForAssertion(() => Assert.Contains("No meeting yet", cut.Markup, StringComparison.Ordinal));

        await Meetings.RequestAsync(lea, slot.Id, null);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=meeting-row]")), TimeSpan.FromSeconds(5));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<MeetingList> cut, Guid meetingId) =>
        cut.Find($"[data-testid=meeting-row][data-meeting='{meetingId}']");

    private async Task ArrangeAsync(bool signIn = true)
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _partnerId = (await _db.AddPartnerAsync(_event.Id)).Id;
        var ada = await _db.AddMemberAsync(_event.Id, _partnerId, MemberRole.Administrator, "ada@acme.example");
        _ada = new Viewer(ViewerKind.Person, ada.Id);
        if (signIn)
        {
            SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(ada.Id, _event.Id, ada.Email, "Ada Lovelace", "en"), "Test"));
        }

        Services.AddSingleton<TimeProvider>(_db.Time);

        // The calendar-link card has its own tests (CalendarLinkCardTests).
        ComponentFactories.AddStub<PartnerSpace.Web.Features.Meetings.CalendarLink.CalendarLinkCard>();
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(_db.Factory);
        Services.AddSingleton<MeetingAccessService>();
        Services.AddSingleton<MeetingService>();
        Services.AddSingleton<MeetingChoiceService>();
        Services.AddSingleton<ContactListService>();
        Services.AddSingleton<PartnerMessageService>();
    }

    private void RenderProviders()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    private IReadOnlyList<AngleSharp.Dom.IElement> SlotInputs() => [.. _dialogs.FindAll("input[data-testid=slot-option], [data-testid=slot-option] input").Distinct()];

    private IRenderedComponent<ContactList> RenderContacts()
    {
        RenderProviders();
        return Render<ContactList>(p => p.Add(x => x.PartnerId, _partnerId).Add(x => x.TimeZoneId, "Europe/Paris"));
    }

    private IRenderedComponent<MeetingList> RenderMeetings()
    {
        RenderProviders();
        return Render<MeetingList>(p => p.Add(x => x.PartnerId, _partnerId).Add(x => x.TimeZoneId, "Europe/Paris"));
    }

    private async Task<MeetingSlot> SlotAsync(DateTimeOffset startsAt)
    {
        var slot = new MeetingSlot(_event.Id, _partnerId, null, null, startsAt, startsAt.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot;
    }
}
