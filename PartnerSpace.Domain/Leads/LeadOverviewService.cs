using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Leads;

/// <summary>Leads of an event changed (told to the organizer's overview, not to every partner screen).</summary>
public sealed record EventLeadsChanged(Guid EventId) : LiveEvent(Topics.EventLeads(EventId));

/// <summary>One partner's line of the organizer's leads overview (S-2.12, S-5).</summary>
public sealed record PartnerLeadCount(Guid PartnerId, string Name, string? Category, bool IsTestPartner, int Leads, int ScannedPeople, int Scans, DateTimeOffset? LastScanAt, int ActiveDevices);

/// <summary>Where the scan mailing and the partners' Leads tab stand (S-1.7).</summary>
public sealed record ScanMailingStatus(bool LeadsTabOn, DateTimeOffset? SentAt, DateTimeOffset OpensAt, bool MaySendNow, int Administrators);

/// <summary>
/// The organizer's side of leads: per-partner counts, and the scan mailing of S-1.7, which tells
/// every partner administrator how to scan and switches the partners' Leads tab on.
/// </summary>
public sealed class LeadOverviewService(IDbContextFactory<PartnerSpaceDbContext> dbs, MenuEditorService menu, ILiveEvents live, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<PartnerLeadCount>>> GetCountsAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return Forbidden();
        }

        var partners = await db.Partners.AsNoTracking().Where(p => p.EventId == eventId)
            .Select(p => new { p.Id, p.Name, p.Category, p.IsTestPartner }).ToListAsync(ct);
        var leads = await db.Leads.AsNoTracking()
            .Where(l => db.Partners.Any(p => p.Id == l.PartnerId && p.EventId == eventId))
            .GroupBy(l => l.PartnerId)
            .Select(g => new
            {
                PartnerId = g.Key,
                Leads = g.Count(),
                Scanned = g.Count(l => l.ScanCount > 0),
                Scans = g.Sum(l => l.ScanCount),
                LastScan = g.Where(l => l.ScanCount > 0).Max(l => (DateTimeOffset?)l.LastCapturedAt),
            })
            .ToDictionaryAsync(x => x.PartnerId, ct);
        var devices = await db.DeviceKeys.AsNoTracking()
            .Where(k => k.RevokedAt == null && db.Partners.Any(p => p.Id == k.PartnerId && p.EventId == eventId))
            .GroupBy(k => k.PartnerId)
            .Select(g => new { PartnerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.PartnerId, x => x.Count, ct);

        var rows = partners
            .Select(p =>
            {
                var l = leads.GetValueOrDefault(p.Id);
                return new PartnerLeadCount(p.Id, p.Name, p.Category, p.IsTestPartner, l?.Leads ?? 0, l?.Scanned ?? 0, l?.Scans ?? 0, l?.LastScan, devices.GetValueOrDefault(p.Id));
            })
            .OrderByDescending(r => r.Leads).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        return Result<IReadOnlyList<PartnerLeadCount>>.Ok(rows);
    }

    public async Task<Result<ScanMailingStatus>> GetMailingAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return Forbidden();
        }

        var show = await db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
        var tabOn = await LeadsTabOnAsync(db, eventId, ct);
        var admins = await AdministratorsOf(db, eventId).CountAsync(ct);
        return Result<ScanMailingStatus>.Ok(new ScanMailingStatus(tabOn, show.ScanMailingSentAt, show.ScanMailingOpensAt, time.GetUtcNow() >= show.ScanMailingOpensAt, admins));
    }

    /// <summary>Shows or hides the partners' Leads tab, through the menu editor (versioned, in the history, live).</summary>
    public async Task<Result<bool>> SetLeadsTabAsync(Guid organizerId, Guid eventId, bool on, Actor actor, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
            {
                return Forbidden();
            }
        }

        var document = await menu.GetAsync(eventId, ct);
        if (!document.Tabs.Any(t => t.Kind == PageKind.Leads))
        {
            return Error.NotFound("no-leads-tab", "The menu has no Leads tab: add the Leads page to the menu first.");
        }

        if (document.Tabs.All(t => t.Kind != PageKind.Leads || t.IsEnabled == on))
        {
            return Result<bool>.Ok(on);
        }

        var draft = document with { Tabs = [.. document.Tabs.Select(t => t.Kind == PageKind.Leads ? t with { IsEnabled = on } : t)] };
        var saved = await menu.SaveAsync(eventId, draft, actor, ct);
        return saved.Status == MenuSaveStatus.Saved
            ? Result<bool>.Ok(on)
            : Error.Conflict("menu-changed", "The menu was being changed at the same time. Try again.");
    }

    /// <summary>
    /// S-1.7: sends the scan mailing to every administrator of every partner (through the outbox)
    /// and switches the Leads tab on. At the earliest <see cref="Events.Event.ScanMailingLead"/>
    /// before the event; once.
    /// </summary>
    public async Task<Result<int>> SendScanMailingAsync(Guid organizerId, Guid eventId, Uri baseUri, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var now = time.GetUtcNow();
        await using (var check = await dbs.CreateDbContextAsync(ct))
        {
            if (!await IsOrganizerAsync(check, organizerId, eventId, ct))
            {
                return Forbidden();
            }

            var show = await check.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
            if (show.ScanMailingSentAt is not null)
            {
                return Error.Conflict("scan-mailing-sent", "The scan mailing has already been sent.");
            }

            if (now < show.ScanMailingOpensAt)
            {
                return Error.Conflict("scan-mailing-too-early", "The scan mailing can be sent at the earliest 15 days before the event.");
            }
        }

        var tab = await SetLeadsTabAsync(organizerId, eventId, true, actor, ct);
        if (!tab.IsSuccess && tab.Error!.Code != "no-leads-tab")
        {
            return tab.Error;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ev = await db.Events.FirstAsync(e => e.Id == eventId, ct);
        if (ev.ScanMailingSentAt is not null)
        {
            return Error.Conflict("scan-mailing-sent", "The scan mailing has already been sent.");
        }

        var admins = await AdministratorsOf(db, eventId)
            .Select(m => new { m.Person, PartnerName = m.Partner!.Name, m.PartnerId })
            .ToListAsync(ct);
        var templates = await EmailTemplateService.LoadAsync(db, eventId, EmailKind.ScanMailing, ct);
        foreach (var admin in admins)
        {
            db.Outbox.Add(Compose(templates, admin.Person!, admin.PartnerName, ev.Name.For(admin.Person!.Language), new Uri(baseUri, $"/partner/{admin.PartnerId}/leads/settings"), now));
        }

        ev.MarkScanMailingSent(now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new OutboxChanged(eventId), ct);
        await live.PublishAsync(new EventLeadsChanged(eventId), ct);
        return Result<int>.Ok(admins.Count);
    }

    private static OutboxMessage Compose(EmailTemplateSet templates, Person person, string partnerName, string eventName, Uri link, DateTimeOffset now) =>
        templates.Compose(person.Language, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["firstName"] = person.FirstName,
            ["eventName"] = eventName,
            ["partnerName"] = partnerName,
            [EmailTemplateService.LinkPlaceholder] = link.ToString(),
        }).ToOutbox(person.EventId, person.Email, now);

    private static IQueryable<PartnerMember> AdministratorsOf(PartnerSpaceDbContext db, Guid eventId) =>
        db.PartnerMembers.Where(m => m.Role == MemberRole.Administrator && m.Partner!.EventId == eventId);

    private static Task<bool> LeadsTabOnAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct) =>
        db.MenuItems.AnyAsync(m => m.EventId == eventId && m.IsEnabled && m.Page!.Kind == PageKind.Leads, ct);

    private static Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static Error Forbidden() => Error.Forbidden("not-organizer", "Only the event's organizers see this.");
}
