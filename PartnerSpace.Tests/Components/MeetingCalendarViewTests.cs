using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Features.Meetings.Calendar;

namespace PartnerSpace.Tests.Components;

/// <summary>
/// The partner's meeting calendar on a real database (S-2.10). The test event runs from
/// 2026-11-23 (a Monday, "today") to 2026-11-25 in Europe/Paris (UTC+1 in November).
/// </summary>
[Trait("Spec", "S-2.10")]
public sealed class MeetingCalendarViewTests : ComponentTestBase
{
    private static readonly DateOnly Tuesday = new(2026, 11, 24);
    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private Guid _eventId;
    private Guid _partnerId;
    private Person _admin = null!;

    private SlotService Slots => new(_db.Factory, _db.Live, _db.Time);

    private MeetingSpaceService Spaces => new(_db.Factory, _db.Live);

    private MeetingService Meetings => new(_db.Factory, _db.Live, _db.Time);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private async Task ArrangeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "ada@acme.example");
    }

    private static Viewer As(Person person) => new(ViewerKind.Person, person.Id);

    private async Task<Guid> SpaceAsync(string name, SpaceKind kind = SpaceKind.Physical) =>
        (await Spaces.CreateAsync(As(_admin), _partnerId, kind == SpaceKind.Physical
            ? new MeetingSpaceDraft(name, kind, null, "Stand B12", 4)
            : new MeetingSpaceDraft(name, kind, "https://meet.example/acme", null, null))).Value!.Id;

    private async Task<IReadOnlyList<SlotRow>> SlotsAsync(Guid? space, Guid? staff, int fromHour, int toHour, DateOnly? day = null)
    {
        var result = await Slots.CreateAsync(As(_admin), _partnerId, new SlotRequest(day ?? Tuesday, new(fromHour, 0), new(toHour, 0), 30, 0, null, space, staff));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private IRenderedComponent<MeetingCalendarView> RenderAs(Person person)
    {
        SignIn(ViewerExtensions.PersonPrincipal(new SignedInPerson(person.Id, _eventId, person.Email, person.FullName, "en"), "Test"));
        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(new CalendarSetupService(_db.Factory));
        Services.AddSingleton(Spaces);
        Services.AddSingleton(Slots);
        Services.AddSingleton(Meetings);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var cut = Render<MeetingCalendarView>(p => p.Add(x => x.PartnerId, _partnerId));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=meeting-calendar]").GetAttribute("data-ready")));
        return cut;
    }

    [Fact]
    public async Task GeneratorPreviewsTheSlotsAroundAPauseThenCreatesThem()
    {
        await ArrangeAsync();
        await SpaceAsync("Table 1");
        var cut = RenderAs(_admin);

        cut.Find("[data-testid=generate-slots]").Click();
        _dialogs.WaitForElement("[data-testid=slot-generator]");
        _dialogs.Find("input[data-testid=gen-from]").Input("10:00");
        _dialogs.Find("input[data-testid=gen-to]").Input("14:00");
        _dialogs.Find("[data-testid=gen-add-pause]").Click();
        _dialogs.Find("[data-testid=gen-preview-button]").Click();

        // 10:00–12:00 gives 4 meetings of 30 minutes; the pause 12:00–13:30 leaves 13:30–14:00.
        _dialogs.WaitForAssertion(() => Assert.Contains("5 slot(s) will be created", _dialogs.Find("[data-testid=gen-preview-count]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["10:00–10:30", "10:30–11:00", "11:00–11:30", "11:30–12:00", "13:30–14:00"], _dialogs.FindAll("[data-testid=gen-preview-slot]").Select(c => c.TextContent.Trim()));
        Assert.Empty(await _db.QueryAsync(db => Task.FromResult(db.MeetingSlots.ToList())));

        _dialogs.Find("[data-testid=gen-create]").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=calendar-slot]").Count));
        Assert.Equal(5, await _db.QueryAsync(db => Task.FromResult(db.MeetingSlots.Count())));
    }

    [Fact]
    public async Task PreviewNamesTheFirstClashAndCreatesNothing()
    {
        await ArrangeAsync();
        var space = await SpaceAsync("Table 1");
        await SlotsAsync(space, null, 11, 12, new DateOnly(2026, 11, 23));
        var cut = RenderAs(_admin);

        cut.Find("[data-testid=generate-slots]").Click();
        _dialogs.WaitForElement("[data-testid=slot-generator]");
        _dialogs.Find("input[data-testid=gen-from]").Input("09:00");
        _dialogs.Find("input[data-testid=gen-to]").Input("12:00");
        _dialogs.Find("[data-testid=gen-preview-button]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(
            "The slot 11:00–11:30 would overlap the existing slot 11:00–11:30 of this space.",
            _dialogs.Find("[data-testid=gen-error]").TextContent.Trim()));
        Assert.True(_dialogs.Find("[data-testid=gen-create]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task WeekGridPlacesSlotsAndMeetingsOnTheirDayAndLocalHour()
    {
        await ArrangeAsync();
        var space = await SpaceAsync("Table 1");
        var slots = await SlotsAsync(space, null, 9, 10);
        var attendee = (await _db.AddAttendeeAsync(_eventId, "B-1", "grace@example.org")).PersonId;
        Assert.True((await Meetings.RequestAsync(new Viewer(ViewerKind.Person, attendee), slots[1].Id, null)).IsSuccess);

        var cut = RenderAs(_admin);

        Assert.Equal(7, cut.FindAll("[data-testid=calendar-column]").Count);
        var free = Assert.Single(cut.FindAll("[data-testid=calendar-slot]"));
        // 08:00 UTC is 09:00 in Paris: the first hour row is 08:00, so 09:00 is grid line 2 + 12.
        Assert.Equal(("2026-11-24", "09:00"), (free.GetAttribute("data-column"), free.GetAttribute("data-start")));
        Assert.Contains("grid-row: 14 / 20", free.GetAttribute("style"), StringComparison.Ordinal);
        var meeting = Assert.Single(cut.FindAll("[data-testid=calendar-meeting]"));
        Assert.Equal(("2026-11-24", "09:30", "pending"), (meeting.GetAttribute("data-column"), meeting.GetAttribute("data-start"), meeting.GetAttribute("data-status")));
        Assert.Contains("Grace Hopper", meeting.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tuesday", meeting.GetAttribute("aria-label"), StringComparison.Ordinal);

        meeting.Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("Grace Hopper", _dialogs.Find("[data-testid=meeting-summary-attendee]").TextContent.Trim()));
    }

    [Fact]
    public async Task DayViewShowsSpacesAsColumnsAndNavigatesByDay()
    {
        await ArrangeAsync();
        var table = await SpaceAsync("Table 1");
        var room = await SpaceAsync("Room 2");
        await SlotsAsync(room, null, 10, 11, new DateOnly(2026, 11, 23));
        await SlotsAsync(table, null, 10, 11, Tuesday);
        var cut = RenderAs(_admin);

        cut.Find("[data-testid=calendar-day] button, button[data-testid=calendar-day], [data-testid=calendar-day]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Table 1", "Room 2"], cut.FindAll("[data-testid=calendar-column]").Select(c => c.TextContent.Trim())));
        Assert.All(cut.FindAll("[data-testid=calendar-slot]"), s => Assert.Equal(room.ToString(), s.GetAttribute("data-column")));
        cut.Find("[data-testid=calendar-next]").Click();
        cut.WaitForAssertion(() => Assert.All(cut.FindAll("[data-testid=calendar-slot]"), s => Assert.Equal(table.ToString(), s.GetAttribute("data-column"))));
        Assert.Equal(2, cut.FindAll("[data-testid=calendar-slot]").Count);
    }

    [Fact]
    public async Task SelectedFreeSlotsAreDeletedAfterConfirmation()
    {
        await ArrangeAsync();
        var space = await SpaceAsync("Table 1");
        await SlotsAsync(space, null, 9, 11);
        var cut = RenderAs(_admin);

        cut.FindAll("[data-testid=calendar-slot]")[0].Click();
        cut.FindAll("[data-testid=calendar-slot]")[1].Click();
        cut.Find("[data-testid=delete-slots]").Click();
        _dialogs.WaitForElement(".mud-message-box");
        _dialogs.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=calendar-slot]").Count));
        Assert.Equal(2, await _db.QueryAsync(db => Task.FromResult(db.MeetingSlots.Count())));
    }

    [Fact]
    [Trait("Spec", "S-1.8")]
    [Trait("Spec", "S-3.3")]
    public async Task SalesContactSeesOnlyTheActionsTheOrganizerAllows()
    {
        await ArrangeAsync();
        await _db.SetOptionsAsync(_eventId, new EventOptionValues(false, false, false, true, false, SalesContactsChooseSlots: true, SalesContactsManageSpaces: true, OnlineSpaces: false, PhysicalSpaces: true));
        var sales = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "sam@acme.example");
        await _db.RegisterAsync(_eventId, sales.Id, "B-9");
        var table = await SpaceAsync("Table 1");
        await SpaceAsync("Video", SpaceKind.Online);
        await SlotsAsync(table, sales.Id, 9, 10);
        await SlotsAsync(null, _admin.Id, 9, 10);

        var cut = RenderAs(sales);

        // Physical spaces only, no reordering; the online space has no buttons.
        var rows = cut.FindAll("[data-testid=space-row]");
        Assert.Single(rows[0].QuerySelectorAll("[data-testid=space-delete]"));
        Assert.Empty(rows[1].QuerySelectorAll("[data-testid=space-delete]"));
        Assert.Empty(cut.FindAll("[data-testid=move-up]"));
        // Their own slots may be selected; the administrator's are shown read-only.
        Assert.Equal(2, cut.FindAll("button[data-testid=calendar-slot]").Count);
        Assert.Equal(2, cut.FindAll("div[data-testid=calendar-slot]").Count);
        Assert.All(cut.FindAll("div[data-testid=calendar-slot]"), s => Assert.Null(s.GetAttribute("aria-pressed")));
        Assert.All(cut.FindAll("button[data-testid=calendar-slot]"), s => Assert.Contains("Table 1", s.GetAttribute("aria-label"), StringComparison.Ordinal));
        Assert.All(cut.FindAll("div[data-testid=calendar-slot]"), s => Assert.Contains("Ada Lovelace", s.GetAttribute("aria-label"), StringComparison.Ordinal));

        cut.Find("[data-testid=add-space]").Click();
        _dialogs.WaitForElement("[data-testid=space-dialog]");
        Assert.Empty(_dialogs.FindAll("[data-testid=space-kind-online]"));
    }

    [Fact]
    [Trait("Spec", "S-1.8")]
    public async Task SalesContactWithoutSlotOptionsGetsNoCalendar()
    {
        await ArrangeAsync();
        var sales = await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.SalesContact, "sam@acme.example");
        await _db.RegisterAsync(_eventId, sales.Id, "B-9");

        var cut = RenderAs(sales);

        Assert.Equal("No meeting calendar to manage", cut.Find("[data-testid=empty-title]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=generate-slots]"));
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task SlotsMadeElsewhereAppearLiveOnTheShownWeek()
    {
        await ArrangeAsync();
        var space = await SpaceAsync("Table 1");
        var cut = RenderAs(_admin);
        cut.Find("[data-testid=calendar-next]").Click();
        cut.WaitForAssertion(() => Assert.Contains("30 Nov", cut.Find("[data-testid=calendar-range]").TextContent, StringComparison.Ordinal));

        await SlotsAsync(space, null, 9, 10);
        await SlotsAsync(space, null, 9, 10, new DateOnly(2026, 11, 24).AddDays(1));

        // The shown week stays the next one: the new slots are in this week, not shown there.
        cut.WaitForAssertion(() => Assert.Contains("30 Nov", cut.Find("[data-testid=calendar-range]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=calendar-prev]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=calendar-slot]").Count));
        await SlotsAsync(space, null, 15, 16);
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=calendar-slot]").Count));
    }
}
