using Bunit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Discounts;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Discounts;
using PartnerSpace.Web.Features.Sessions;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-2.7")]
public sealed class SessionAndDiscountComponentsTests : ComponentTestBase
{
    private static readonly Guid Acme = Guid.NewGuid();
    private static readonly Guid Claire = Guid.NewGuid();

    private static SessionView Session(int? registrants = null, int? present = null, string? description = null) =>
        new(Guid.NewGuid(), "Robots on the line", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
            new DateOnly(2026, 11, 23), "Auditorium", "Keynote", description, [new SessionHostView(Acme, "Acme")], [], registrants, present, 3);

    private IRenderedComponent<SessionCard> RenderCard(SessionView session, Func<Guid, int, string?, Task<Result<int>>>? describe = null) =>
        Render<SessionCard>(p => p
            .Add(x => x.Session, session)
            .Add(x => x.PartnerId, Acme)
            .Add(x => x.Team, [new SpeakerChoice(Claire, "Claire Dubois", "claire@acme.example", MemberRole.Administrator)])
            .Add(x => x.TimeZoneId, "Europe/Paris")
            .Add(x => x.Describe, describe ?? ((_, v, _) => Task.FromResult(Result<int>.Ok(v + 1))))
            .Add(x => x.SetSpeakers, (_, _) => Task.FromResult(Result<bool>.Ok(true))));

    [Fact]
    [Trait("Spec", "S-1.6")]
    public void CountsShowOnlyWhenGiven()
    {
        var hidden = RenderCard(Session());
        var registrantsOnly = RenderCard(Session(registrants: 120));

        Assert.Empty(hidden.FindAll("[data-testid=session-card-registrants], [data-testid=session-card-present]"));
        Assert.Equal("120 registrants", registrantsOnly.Find("[data-testid=session-card-registrants]").TextContent.Trim());
        Assert.Empty(registrantsOnly.FindAll("[data-testid=session-card-present]"));
    }

    [Fact]
    public void ACardWithoutDescriptionSaysSoAndShowsTheEventTime()
    {
        var cut = RenderCard(Session());

        Assert.NotNull(cut.Find("[data-testid=session-card-no-description]"));
        Assert.Contains("10:00", cut.Find("[data-testid=session-card-when]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EditSavesTheTypedDescriptionOverTheShownVersionAndKeepsItOnError()
    {
        (int Version, string? Text)? saved = null;
        var cut = RenderCard(Session(), (_, version, text) =>
        {
            saved = (version, text);
            return Task.FromResult(Result<int>.Fail(Error.Conflict("changed", "Changed")));
        });

        cut.Find("[data-testid=session-card-edit]").Click();
        cut.Find("textarea").Input("How robots learn.");
        cut.Find("[data-testid=session-card-save]").Click();

        Assert.Equal((3, "How robots learn."), saved);
        Assert.Contains("Someone else changed this session", cut.Find("[data-testid=session-card-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("How robots learn.", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
    }

    [Fact]
    [Trait("Spec", "S-2.11")]
    public void UsageTotalsShowTicketsMoneyAndWhoCame()
    {
        var cut = Render<UsageTotalsView>(p => p.Add(x => x.Totals, new UsageTotals(3, 28800, 7200, 2)));

        Assert.Equal("3", cut.Find("[data-testid=total-used]").TextContent);
        Assert.Equal("288.00 €", cut.Find("[data-testid=total-revenue]").TextContent);
        Assert.Equal("72.00 €", cut.Find("[data-testid=total-discount]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=total-came]").TextContent);
    }
}
