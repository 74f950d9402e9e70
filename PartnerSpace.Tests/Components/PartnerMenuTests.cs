using Bunit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Portal;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-1.2")]
[Trait("Spec", "S-1.3")]
public sealed class PartnerMenuTests : ComponentTestBase
{
    private static readonly Guid PartnerId = Guid.Parse("0192f000-0000-7000-8000-0000000000aa");

    private static MenuEntry Entry(PageKind kind, string slug, string fr, string en, int position, bool enabled = true) =>
        new(Guid.NewGuid(), kind, slug, new LocalizedText(fr, en), slug, enabled, position);

    [Fact]
    public void ShowsOnlyEnabledTabsInTheirOrder()
    {
        IReadOnlyList<MenuEntry> entries =
        [
            Entry(PageKind.Leads, "leads", "Leads", "Leads", 2),
            Entry(PageKind.Home, "home", "Accueil", "Home", 0),
            Entry(PageKind.Team, "team", "Équipe", "Team", 1, enabled: false),
            Entry(PageKind.Offers, "offers", "Offres", "Offers", 1),
        ];

        var cut = Render<PartnerMenu>(p => p.Add(x => x.Entries, entries).Add(x => x.PartnerId, PartnerId));

        var links = cut.FindAll("[data-testid=menu-item]");
        Assert.Equal(["Home", "Offers", "Leads"], links.Select(l => l.TextContent.Trim()));
        Assert.Equal(
            [$"/partner/{PartnerId}", $"/partner/{PartnerId}/offers", $"/partner/{PartnerId}/leads"],
            links.Select(l => l.GetAttribute("href")));
    }

    [Fact]
    public void NoEnabledTabRendersAnEmptyMenuNotAnError()
    {
        var cut = Render<PartnerMenu>(p => p.Add(x => x.Entries, [Entry(PageKind.Home, "home", "Accueil", "Home", 0, enabled: false)]).Add(x => x.PartnerId, PartnerId));

        Assert.Empty(cut.FindAll("[data-testid=menu-item]"));
    }
}

[Trait("Spec", "S-1.3")]
public sealed class PartnerMenuInFrenchTests() : ComponentTestBase("fr")
{
    [Fact]
    public void ShowsTheOrganizerLabelsInTheUserLanguage()
    {
        var cut = Render<PartnerMenu>(p => p
            .Add(x => x.Entries, [new MenuEntry(Guid.NewGuid(), PageKind.Team, "team", new LocalizedText("Équipe", "Team"), "team", true, 0)])
            .Add(x => x.PartnerId, Guid.NewGuid()));

        Assert.Equal("Équipe", cut.Find("[data-testid=menu-item]").TextContent.Trim());
    }

    [Fact]
    public void TheMenuCanRunAcrossTheTop()
    {
        IReadOnlyList<MenuEntry> entries = [new MenuEntry(Guid.NewGuid(), PageKind.Home, "home", new LocalizedText("Accueil", "Home"), "home", true, 0)];

        var cut = Render<PartnerMenu>(p => p.Add(x => x.Entries, entries).Add(x => x.PartnerId, Guid.NewGuid())
            .Add(x => x.Appearance, new MenuAppearance("#112233", true, MenuPosition.Top)));

        var menu = cut.Find("[data-testid=partner-menu]");
        Assert.Equal("Top", menu.GetAttribute("data-position"));
        Assert.Contains("ps-menu-top", menu.ClassName, StringComparison.Ordinal);
        Assert.Contains("ps-menu-compact", menu.ClassName, StringComparison.Ordinal);
    }
}
