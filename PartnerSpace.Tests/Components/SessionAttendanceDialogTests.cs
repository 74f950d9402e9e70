using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Sessions;

namespace PartnerSpace.Tests.Components;

/// <summary>The organizer's attendance dialog of a session, on a real database (S-2.7, S-2.12).</summary>
[Trait("Spec", "S-2.12")]
[Trait("Spec", "S-2.7")]
public sealed class SessionAttendanceDialogTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task RecordsKnownLinesAndKeepsUnknownOnesToCorrect()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var organizerId = (await _db.AddOrganizerAsync(ev.Id, "nadia@organizer.example")).Id;
        var partner = await _db.AddPartnerAsync(ev.Id);
        var session = new Session(ev.Id, "Cobots 101", _db.Time.GetUtcNow().AddHours(2), _db.Time.GetUtcNow().AddHours(3), null, null, _db.Time.GetUtcNow());
        await _db.SaveAsync(session);
        await _db.SaveAsync(new SessionHost(session.Id, partner.Id));
        await _db.AddAttendeeAsync(ev.Id, "B-001", "grace@navy.example");
        Services.AddSingleton(new SessionAttendanceService(_db.Factory, _db.Live, _db.Time));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<SessionAttendanceDialog> { { d => d.OrganizerId, organizerId }, { d => d.SessionId, session.Id } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SessionAttendanceDialog>("Attendance", parameters));

        dialogs.Find("textarea[data-testid=attendance-entries]").Change("B-001\nB-404");
        dialogs.Find("[data-testid=attendance-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("1 attendees recorded.", dialogs.Find("[data-testid=attendance-result]").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 lines match no attendee", dialogs.Find("[data-testid=attendance-result]").TextContent, StringComparison.Ordinal);
        Assert.Equal("B-404", dialogs.Find("textarea[data-testid=attendance-entries]").GetAttribute("value") ?? dialogs.Find("textarea[data-testid=attendance-entries]").TextContent);
        Assert.Equal(1, await _db.QueryAsync(db => db.SessionAttendances.CountAsync()));
    }

    [Fact]
    public async Task AnEmptyListSaysWhatToEnter()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var organizerId = (await _db.AddOrganizerAsync(ev.Id, "nadia@organizer.example")).Id;
        var session = new Session(ev.Id, "Cobots 101", _db.Time.GetUtcNow().AddHours(2), _db.Time.GetUtcNow().AddHours(3), null, null, _db.Time.GetUtcNow());
        await _db.SaveAsync(session);
        Services.AddSingleton(new SessionAttendanceService(_db.Factory, _db.Live, _db.Time));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<SessionAttendanceDialog> { { d => d.OrganizerId, organizerId }, { d => d.SessionId, session.Id } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SessionAttendanceDialog>("Attendance", parameters));

        dialogs.Find("[data-testid=attendance-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Enter at least one badge code or e-mail address.", dialogs.Markup, StringComparison.Ordinal));
    }
}
