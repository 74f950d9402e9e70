using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Menu;

/// <summary>A tab as the menu editor edits it; <see cref="Id"/> is null for a tab not saved yet.</summary>
public sealed record MenuTab(Guid? Id, Guid PageId, PageKind Kind, string Slug, LocalizedText Label, string Icon, bool IsEnabled);

/// <summary>The whole burger menu as one document: saved at once, guarded by one version (S-1.2).</summary>
public sealed record MenuDocument(int Version, MenuAppearance Appearance, IReadOnlyList<MenuTab> Tabs)
{
    /// <summary>The tabs as the portal's menu renders them, for the editor's instant preview (S-1.3).</summary>
    public IReadOnlyList<MenuEntry> ToEntries() =>
        [.. Tabs.Select((t, i) => new MenuEntry(t.Id ?? Guid.Empty, t.Kind, t.Slug, t.Label, t.Icon, t.IsEnabled, i))];
}

/// <summary>A page a tab can point at.</summary>
public sealed record PageChoice(Guid Id, PageKind Kind, string Slug, LocalizedText Title);

public enum MenuSaveStatus
{
    Saved,

    /// <summary>Someone saved the menu since the draft was loaded; nothing was written.</summary>
    Conflict,

    Invalid,
}

/// <summary>The outcome of a save: the menu as stored now, and field errors when invalid.</summary>
public sealed record MenuSaveResult(MenuSaveStatus Status, MenuDocument Current, IReadOnlyDictionary<string, string[]>? Errors = null);
