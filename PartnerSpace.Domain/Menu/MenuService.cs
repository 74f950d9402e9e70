using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Menu;

/// <summary>A tab of the burger menu as the portal renders it.</summary>
public sealed record MenuEntry(Guid Id, PageKind Kind, string Slug, LocalizedText Label, string Icon, bool IsEnabled, int Position);

/// <summary>A page as the portal shows it; <paramref name="Body"/> is the Markdown of a custom page.</summary>
public sealed record PageView(Guid Id, PageKind Kind, string Slug, LocalizedText Title, LocalizedText Introduction, LocalizedText Body, LocalizedText Help);

/// <summary>Reads the partner space's menu and pages (S-1.2, S-1.3).</summary>
public sealed class MenuService(IDbContextFactory<PartnerSpaceDbContext> dbs)
{
    /// <summary>Every menu item of the event, enabled or not, in menu order.</summary>
    public async Task<IReadOnlyList<MenuEntry>> GetMenuAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.MenuItems.AsNoTracking()
            .Where(m => m.EventId == eventId)
            .OrderBy(m => m.Position)
            .Select(m => new MenuEntry(m.Id, m.Page!.Kind, m.Page.Slug, m.Label, m.Icon, m.IsEnabled, m.Position))
            .ToListAsync(ct);
    }

    public async Task<MenuAppearance> GetAppearanceAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.MenuSettings.AsNoTracking()
            .Where(s => s.EventId == eventId)
            .Select(s => new MenuAppearance(s.Color, s.Compact, s.Position))
            .FirstOrDefaultAsync(ct) ?? MenuAppearance.Default;
    }

    public async Task<PageView?> GetPageAsync(Guid eventId, string slug, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Pages.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Slug == slug)
            .Select(p => new PageView(p.Id, p.Kind, p.Slug, p.Title, p.Introduction, p.Body, p.Help))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The enabled tabs only: what a partner sees.</summary>
    public static IReadOnlyList<MenuEntry> Visible(IEnumerable<MenuEntry> menu) =>
        [.. menu.Where(m => m.IsEnabled).OrderBy(m => m.Position)];
}
