using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Options;

namespace PartnerSpace.Tests.Components;

/// <summary>The organizer's options page, signed in, on a real database (S-1.6 sessions, S-1.8 sales contacts).</summary>
[Trait("Spec", "S-1.6")]
[Trait("Spec", "S-1.8")]
public sealed class OptionsPageTests : ComponentTestBase
{
    private const string Registrants = "Show the number of registrants";
    private const string Present = "Show the number of attendees present";
    private const string Tab = "Show the sales-contact tab";
    private const string ContactAttendees = "Allow sales contacts to contact attendees directly (Contacts tab)";
    private const string ChooseSlots = "Allow sales contacts to choose their time slots (Calendar tab)";
    private const string ManageSpaces = "Allow them to create and delete meeting spaces";
    private const string Online = "Online spaces";
    private const string Physical = "Physical spaces";

    private readonly TestDatabase _db = new();
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;
    private Guid _eventId;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private EventOptionsService Options => new(_db.Factory, _db.Live, _db.Time);

    private async Task<IRenderedComponent<OptionsPage>> RenderPageAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        var organizer = await _db.AddOrganizerAsync(_eventId, "org@show.example");
        Services.AddSingleton(Options);
        Services.AddSingleton(new PartnerService(_db.Factory));
        SignInAs(organizer);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _snackbars = Render<MudSnackbarProvider>();
        var cut = Render<OptionsPage>();
        cut.WaitForElement("[data-testid=options]");
        return cut;
    }

    private static IElement Switch(IRenderedComponent<OptionsPage> cut, string label) =>
        cut.FindAll("label.mud-switch").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    private static bool IsOn(IRenderedComponent<OptionsPage> cut, string label) => Switch(cut, label).HasAttribute("checked");

    private static List<string> Enabled(IRenderedComponent<OptionsPage> cut, params string[] labels) =>
        [.. labels.Where(l => !Switch(cut, l).HasAttribute("disabled"))];

    [Fact]
    public async Task SubOptionsStayDisabledUntilTheirParentIsOn()
    {
        var cut = await RenderPageAsync();
        string[] sub = [ContactAttendees, ChooseSlots, ManageSpaces, Online, Physical];

        Assert.True(IsOn(cut, Tab));
        Assert.Equal([ContactAttendees, ChooseSlots], Enabled(cut, sub));

        Switch(cut, ChooseSlots).Change(true);
        Assert.Equal([ContactAttendees, ChooseSlots, ManageSpaces], Enabled(cut, sub));

        Switch(cut, ManageSpaces).Change(true);
        Assert.Equal(sub, Enabled(cut, sub));

        Switch(cut, Tab).Change(false);
        Assert.Empty(Enabled(cut, sub));
        Assert.Equal([Registrants, Present], Enabled(cut, Registrants, Present));
    }

    [Fact]
    public async Task SavedOptionsAreStoredWithoutSubOptionsWhoseParentIsOff()
    {
        var cut = await RenderPageAsync();

        Switch(cut, Registrants).Change(true);
        Switch(cut, ChooseSlots).Change(true);
        Switch(cut, ManageSpaces).Change(true);
        Switch(cut, Online).Change(true);
        Switch(cut, ContactAttendees).Change(true);
        cut.Find("[data-testid=save-options]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Options saved.", _snackbars.Markup, StringComparison.Ordinal));
        var saved = await Options.GetAsync(_eventId);
        Assert.Equal(
            EventOptionValues.Default with { SessionsShowRegistrants = true, SalesContactsContactAttendees = true, SalesContactsChooseSlots = true, SalesContactsManageSpaces = true, OnlineSpaces = true },
            saved.Values);
        Assert.Equal(1, saved.Version);

        // Switching the slots off takes the spaces with them (S-1.8), on screen once saved and in the database.
        Switch(cut, ChooseSlots).Change(false);
        cut.Find("[data-testid=save-options]").Click();

        cut.WaitForAssertion(() => Assert.False(IsOn(cut, ManageSpaces)));
        Assert.False(IsOn(cut, Online));
        Assert.True(IsOn(cut, Registrants));
        Assert.Equal(
            EventOptionValues.Default with { SessionsShowRegistrants = true, SalesContactsContactAttendees = true },
            (await Options.GetAsync(_eventId)).Values);
    }

    [Fact]
    public async Task AStaleSaveShowsTheConflictKeepsTheUsersValuesAndWritesNothing()
    {
        var cut = await RenderPageAsync();
        var theirs = EventOptionValues.Default with { SessionsShowAttendeesPresent = true };
        await Options.SaveAsync(_eventId, new EventOptionsState(theirs, 0), new Actor(Guid.NewGuid(), "Omar"));

        Switch(cut, Registrants).Change(true);
        Switch(cut, ChooseSlots).Change(true);
        cut.Find("[data-testid=save-options]").Click();

        cut.WaitForElement("[data-testid=options-conflict]");
        Assert.Contains("Someone else changed these options meanwhile: nothing was saved.", cut.Find("[data-testid=options-conflict]").TextContent, StringComparison.Ordinal);
        Assert.True(IsOn(cut, Registrants));
        Assert.True(IsOn(cut, ChooseSlots));
        Assert.False(IsOn(cut, Present));
        Assert.True(cut.Find("[data-testid=save-options]").HasAttribute("disabled"));
        Assert.DoesNotContain("Options saved.", _snackbars.Markup, StringComparison.Ordinal);
        Assert.Equal(new EventOptionsState(theirs, 1), await Options.GetAsync(_eventId));

        cut.FindAll("[data-testid=options-conflict] button").Single(b => b.TextContent.Trim() == "Load their options").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=options-conflict]")));
        Assert.True(IsOn(cut, Present));
        Assert.False(IsOn(cut, Registrants));
    }

    [Fact]
    public async Task KeepingMineAfterAStaleSaveSavesWhatIsOnScreen()
    {
        var cut = await RenderPageAsync();
        await Options.SaveAsync(_eventId, new EventOptionsState(EventOptionValues.Default with { SessionsShowAttendeesPresent = true }, 0), new Actor(Guid.NewGuid(), "Omar"));
        Switch(cut, Registrants).Change(true);
        cut.Find("[data-testid=save-options]").Click();
        cut.WaitForElement("[data-testid=options-conflict]");

        cut.Find("[data-testid=keep-mine]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=options-conflict]")));
        cut.Find("[data-testid=save-options]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Options saved.", _snackbars.Markup, StringComparison.Ordinal));
        var stored = await Options.GetAsync(_eventId);
        Assert.Equal((true, false, 2), (stored.Values.SessionsShowRegistrants, stored.Values.SessionsShowAttendeesPresent, stored.Version));
    }

    [Fact]
    [Trait("Spec", "S-2.9")]
    public async Task TheRequestExpiryIsSavedAndAnOutOfBoundsValueIsExplainedByTheFieldAndKept()
    {
        var cut = await RenderPageAsync();
        Assert.Equal("48", cut.Find("[data-testid=opt-expiry]").GetAttribute("value"));

        cut.Find("[data-testid=opt-expiry]").Change("400");
        cut.Find("[data-testid=save-options]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Enter a number of hours from 1 to 336.", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("400", cut.Find("[data-testid=opt-expiry]").GetAttribute("value"));
        Assert.Equal(0, (await Options.GetAsync(_eventId)).Version);

        cut.Find("[data-testid=opt-expiry]").Change("72");
        Switch(cut, Registrants).Change(true);
        cut.Find("[data-testid=save-options]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Options saved.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Enter a number of hours", cut.Markup, StringComparison.Ordinal);
        var saved = (await Options.GetAsync(_eventId)).Values;
        Assert.Equal((72, true), (saved.MeetingRequestExpiryHours, saved.SessionsShowRegistrants));
    }

    [Fact]
    [Trait("Spec", "S-2.9")]
    public async Task SavingOtherOptionsKeepsTheStoredRequestExpiry()
    {
        var cut = await RenderPageAsync();
        await Options.SaveAsync(_eventId, new EventOptionsState(EventOptionValues.Default with { MeetingRequestExpiryHours = 12 }, 0), new Actor(Guid.NewGuid(), "Omar"));
        cut.Find("[data-testid=save-options]").Click();
        cut.WaitForElement("[data-testid=options-conflict]");
        cut.FindAll("[data-testid=options-conflict] button").Single(b => b.TextContent.Trim() == "Load their options").Click();
        cut.WaitForAssertion(() => Assert.Equal("12", cut.Find("[data-testid=opt-expiry]").GetAttribute("value")));

        Switch(cut, Present).Change(true);
        cut.Find("[data-testid=save-options]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Options saved.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(12, (await Options.GetAsync(_eventId)).Values.MeetingRequestExpiryHours);
    }
}
