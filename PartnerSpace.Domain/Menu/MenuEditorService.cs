using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Menu;

/// <summary>
/// The organizer's burger-menu editor (S-1.2): loads the menu as one document and saves it
/// whole, refusing a stale draft rather than overwriting someone else's save. Each save is
/// recorded in the history and reaches open portals live (S-1.3).
/// </summary>
public sealed partial class MenuEditorService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const string HistoryArea = "menu";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MenuDocument> GetAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await LoadAsync(db, eventId, ct);
    }

    public async Task<IReadOnlyList<PageChoice>> GetPagesAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pages = await db.Pages.AsNoTracking()
            .Where(p => p.EventId == eventId)
            .Select(p => new PageChoice(p.Id, p.Kind, p.Slug, p.Title))
            .ToListAsync(ct);
        return [.. pages.OrderBy(p => p.Kind).ThenBy(p => p.Slug, StringComparer.Ordinal)];
    }

    public async Task<MenuSaveResult> SaveAsync(Guid eventId, MenuDocument draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var before = await LoadAsync(db, eventId, ct);
        if (before.Version != draft.Version)
        {
            return new MenuSaveResult(MenuSaveStatus.Conflict, before);
        }

        var pages = await db.Pages.Where(p => p.EventId == eventId).Select(p => p.Id).ToListAsync(ct);
        var errors = Validate(draft, pages.ToHashSet());
        if (errors.Count > 0)
        {
            return new MenuSaveResult(MenuSaveStatus.Invalid, before, errors);
        }

        var settings = await db.MenuSettings.FirstOrDefaultAsync(s => s.EventId == eventId, ct);
        if (settings is null)
        {
            settings = new MenuSettings(eventId);
            db.Add(settings);
        }

        settings.Apply(draft.Appearance with { Color = draft.Appearance.Color.ToUpperInvariant() });
        var items = await db.MenuItems.Where(m => m.EventId == eventId).ToDictionaryAsync(m => m.Id, ct);
        var kept = new HashSet<Guid>();
        for (var position = 0; position < draft.Tabs.Count; position++)
        {
            var tab = draft.Tabs[position];
            var label = new LocalizedText(tab.Label.Fr.Trim(), tab.Label.En.Trim());
            if (tab.Id is { } id && items.TryGetValue(id, out var item))
            {
                item.Update(position, label, tab.Icon, tab.IsEnabled);
                kept.Add(id);
            }
            else
            {
                db.MenuItems.Add(new MenuItem(eventId, tab.PageId, position, label, tab.Icon, tab.IsEnabled));
            }
        }

        db.MenuItems.RemoveRange(items.Values.Where(i => !kept.Contains(i.Id)));
        await db.SaveChangesAsync(ct);

        var after = await LoadAsync(db, eventId, ct);
        db.Add(new ChangeRecord(eventId, HistoryArea, Summarize(before, after), Snapshot(before), Snapshot(after), actor, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await live.PublishAsync(new MenuChanged(eventId), ct);
        return new MenuSaveResult(MenuSaveStatus.Saved, after);
    }

    /// <summary>
    /// Puts the menu back as it was before a recorded change. The undo is itself a change,
    /// recorded and published; it fails as a save would (a page of that time no longer exists).
    /// </summary>
    public async Task<MenuSaveResult> UndoAsync(Guid eventId, HistoryEntry change, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var snapshot = JsonSerializer.Deserialize<MenuSnapshot>(change.Before, Json)
            ?? throw new InvalidOperationException($"History entry {change.Id} has no menu snapshot.");
        var current = await GetAsync(eventId, ct);
        return await SaveAsync(eventId, new MenuDocument(current.Version, snapshot.Appearance, snapshot.Tabs), actor, ct);
    }

    private sealed record MenuSnapshot(MenuAppearance Appearance, IReadOnlyList<MenuTab> Tabs);

    private static async Task<MenuDocument> LoadAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct)
    {
        var settings = await db.MenuSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EventId == eventId, ct);
        var tabs = await db.MenuItems.AsNoTracking()
            .Where(m => m.EventId == eventId)
            .OrderBy(m => m.Position)
            .Select(m => new MenuTab(m.Id, m.PageId, m.Page!.Kind, m.Page.Slug, m.Label, m.Icon, m.IsEnabled))
            .ToListAsync(ct);
        return new MenuDocument(
            settings?.Version ?? 0,
            settings is null ? MenuAppearance.Default : new MenuAppearance(settings.Color, settings.Compact, settings.Position),
            tabs);
    }

    internal static Dictionary<string, string[]> Validate(MenuDocument draft, IReadOnlySet<Guid> eventPages)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!HexColor().IsMatch(draft.Appearance.Color ?? ""))
        {
            errors["appearance.color"] = ["The colour is a hexadecimal #RRGGBB value."];
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < draft.Tabs.Count; i++)
        {
            var tab = draft.Tabs[i];
            if (string.IsNullOrWhiteSpace(tab.Label.Fr) && string.IsNullOrWhiteSpace(tab.Label.En))
            {
                errors[$"tabs[{i}].label"] = ["A tab needs a label in French or in English."];
            }
            else if (tab.Label.Fr.Trim().Length > MenuItem.LabelMaxLength || tab.Label.En.Trim().Length > MenuItem.LabelMaxLength)
            {
                errors[$"tabs[{i}].label"] = [$"A label is at most {MenuItem.LabelMaxLength} characters."];
            }

            if (!eventPages.Contains(tab.PageId))
            {
                errors[$"tabs[{i}].page"] = ["This page does not exist (any more): choose or create one."];
            }
            else if (!seen.Add(tab.PageId))
            {
                errors[$"tabs[{i}].page"] = ["This page already has a tab."];
            }

            if (string.IsNullOrWhiteSpace(tab.Icon) || tab.Icon.Length > MenuItem.IconMaxLength)
            {
                errors[$"tabs[{i}].icon"] = ["Choose an icon."];
            }
        }

        return errors;
    }

    private static string Snapshot(MenuDocument menu) =>
        JsonSerializer.Serialize(new MenuSnapshot(menu.Appearance, menu.Tabs), Json);

    private static string Summarize(MenuDocument before, MenuDocument after)
    {
        var parts = new List<string>();
        var added = after.Tabs.Count(t => before.Tabs.All(b => b.PageId != t.PageId));
        var removed = before.Tabs.Count(t => after.Tabs.All(a => a.PageId != t.PageId));
        if (added > 0)
        {
            parts.Add($"{added} tab(s) added");
        }

        if (removed > 0)
        {
            parts.Add($"{removed} tab(s) removed");
        }

        var order = (IEnumerable<MenuTab> tabs) => string.Join(",", tabs.Select(t => t.PageId));
        if (added == 0 && removed == 0 && order(before.Tabs) != order(after.Tabs))
        {
            parts.Add("tabs reordered");
        }

        if (before.Appearance != after.Appearance)
        {
            parts.Add("appearance changed");
        }

        return parts.Count == 0 ? "tabs edited" : string.Join(", ", parts);
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
