using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Menu;

namespace PartnerSpace.Web.Features.MenuEditor;

/// <summary>A tab being edited: mutable, so every keystroke reaches the preview before any save.</summary>
public sealed class TabDraft
{
    /// <summary>Stable identity on screen, also for tabs not saved yet.</summary>
    public Guid Key { get; } = Guid.NewGuid();

    public Guid? Id { get; init; }

    public Guid PageId { get; init; }

    public PageKind Kind { get; init; }

    public string Slug { get; init; } = "";

    public string LabelFr { get; set; } = "";

    public string LabelEn { get; set; } = "";

    public string Icon { get; set; } = "page";

    public bool IsEnabled { get; set; } = true;

    public LocalizedText Label => new(LabelFr, LabelEn);

    public static TabDraft From(MenuTab tab) => new()
    {
        Id = tab.Id,
        PageId = tab.PageId,
        Kind = tab.Kind,
        Slug = tab.Slug,
        LabelFr = tab.Label.Fr,
        LabelEn = tab.Label.En,
        Icon = tab.Icon,
        IsEnabled = tab.IsEnabled,
    };

    public static TabDraft For(PageChoice page) => new()
    {
        PageId = page.Id,
        Kind = page.Kind,
        Slug = page.Slug,
        LabelFr = page.Title.Fr,
        LabelEn = page.Title.En,
        Icon = page.Kind == PageKind.Custom ? "page" : page.Slug switch
        {
            "discount-codes" => "discount",
            _ => page.Slug,
        },
    };

    public MenuTab ToTab() => new(Id, PageId, Kind, Slug, Label, Icon, IsEnabled);

    public MenuEntry ToEntry(int position) => new(Key, Kind, Slug, Label, Icon, IsEnabled, position);
}
