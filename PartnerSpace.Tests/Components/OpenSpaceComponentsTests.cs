using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Organizer;

namespace PartnerSpace.Tests.Components;

/// <summary>The "Open space…" dialog and the per-partner access view (S-4.1, S-4.2), on a real database.</summary>
[Trait("Spec", "S-4")]
public sealed class OpenSpaceComponentsTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task TheDialogListsTheRefusedPartnerWithItsReasonAndOpensTheOthers()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var organizerId = (await _db.AddOrganizerAsync(ev.Id, "nadia@organizer.example")).Id;
        var acme = await _db.AddPartnerAsync(ev.Id, "Acme");
        var lonely = await _db.AddPartnerAsync(ev.Id, "Lonely");
        await _db.AddMemberAsync(ev.Id, acme.Id, MemberRole.Administrator, "claire@acme.example");
        var spaces = _db.Spaces;
        OpenOutcome? outcome = null;
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<OpenSpaceDialog>
        {
            { d => d.Selected, new List<Guid> { acme.Id, lonely.Id } },
            { d => d.Categories, new List<string> { "Gold" } },
            { d => d.Plan, target => spaces.PlanOpenAsync(organizerId, ev.Id, target) },
            {
                d => d.Open, async (target, send) =>
                {
                    var result = await spaces.OpenAsync(organizerId, ev.Id, target, send, null, SecurityActor.System, RequestOrigin.Unknown);
                    outcome = result.Value;
                    return result;
                }
            },
        };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<OpenSpaceDialog>("Open", parameters));

        dialogs.WaitForAssertion(() => Assert.Contains("Lonely — no administrator", dialogs.Find("[data-testid=open-refusal]").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 administrators will receive the access e-mail.", dialogs.Find("[data-testid=open-emails]").TextContent, StringComparison.Ordinal);
        dialogs.Find("[data-testid=open-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.NotNull(outcome));
        Assert.Equal(["Acme"], outcome!.Opened.Select(p => p.Name));
        Assert.Equal(1, outcome.EmailsQueued);
        Assert.Null((await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Id == lonely.Id))).SpaceOpenedAt);
    }

    [Fact]
    public async Task TheDialogCannotOpenWhenEveryPartnerIsRefused()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var organizerId = (await _db.AddOrganizerAsync(ev.Id, "nadia@organizer.example")).Id;
        await _db.AddPartnerAsync(ev.Id, "Lonely");
        var spaces = _db.Spaces;
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<OpenSpaceDialog>
        {
            { d => d.Plan, target => spaces.PlanOpenAsync(organizerId, ev.Id, target) },
            { d => d.Open, (target, send) => spaces.OpenAsync(organizerId, ev.Id, target, send, null, SecurityActor.System, RequestOrigin.Unknown) },
        };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<OpenSpaceDialog>("Open", parameters));

        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=open-refusal]")));
        Assert.True(dialogs.Find("[data-testid=open-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    [Trait("Spec", "S-4.2")]
    public void TheAccessViewShowsPerPersonStatusAndResendForAdministrators()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var delivered = new AccessEmailStatus(Guid.NewGuid(), now.AddHours(-2), false, AccessEmailState.Delivered, now.AddHours(-2).AddMinutes(1), null, 1, now.AddHours(-1), now.AddDays(6));
        var failed = new AccessEmailStatus(Guid.NewGuid(), now.AddHours(-2), true, AccessEmailState.Failed, null, "550 mailbox unavailable", 8, null, now.AddDays(6));
        var access = new PartnerSpaceAccess(Guid.NewGuid(), Guid.NewGuid(), "Acme", "Europe/Paris", now.AddDays(-1), "Nadia Organizer",
        [
            new MemberAccess(Guid.NewGuid(), Guid.NewGuid(), "Claire Dubois", "claire@acme.example", MemberRole.Administrator, null, 1, delivered),
            new MemberAccess(Guid.NewGuid(), Guid.NewGuid(), "Zoé Martin", "zoe@acme.example", MemberRole.Administrator, null, 1, failed),
            new MemberAccess(Guid.NewGuid(), Guid.NewGuid(), "Hugo Bernard", "hugo@acme.example", MemberRole.SalesContact, null, 0, null),
        ]);
        MemberAccess? resent = null;

        var cut = Render<AccessView>(p => p.Add(x => x.Access, access).Add(x => x.Now, now).Add(x => x.OnResend, m => resent = m));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal("Delivered", rows[0].QuerySelector("[data-testid=access-email]")!.GetAttribute("data-state"));
        Assert.Contains("Delivered to the mail server", rows[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=access-link-used]"));
        Assert.Contains("550 mailbox unavailable", rows[1].QuerySelector("[data-testid=access-failure]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("automatically", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("no access to the partner space", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Null(rows[2].QuerySelector("[data-testid=access-resend]"));
        rows[1].QuerySelector("[data-testid=access-resend]")!.Click();
        Assert.Equal("zoe@acme.example", resent!.Email);
    }

    [Fact]
    public void AClosedSpaceWithAnEmptyTeamSaysSoAndOffersNoResend()
    {
        var access = new PartnerSpaceAccess(Guid.NewGuid(), Guid.NewGuid(), "Lonely", "Europe/Paris", null, null, []);

        var cut = Render<AccessView>(p => p.Add(x => x.Access, access).Add(x => x.Now, DateTimeOffset.UtcNow));

        Assert.Equal("false", cut.Find("[data-testid=access-space]").GetAttribute("data-open"));
        Assert.Contains("Nobody in this team yet.", cut.Markup, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=access-no-admin]"));
        Assert.Empty(cut.FindAll("[data-testid=access-resend]"));
    }
}
