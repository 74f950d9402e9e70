using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Discounts;

/// <summary>What the organizer types for a code; <see cref="Value"/> is a percent or cents by <see cref="Kind"/>.</summary>
public sealed record DiscountCodeDraft(
    Guid PartnerId,
    string? Code,
    DiscountKind Kind,
    int Value,
    int? Quota,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int Version = 0);

/// <summary>A code in the organizer's list, with how many tickets it bought.</summary>
public sealed record DiscountCodeRow(
    Guid Id,
    Guid PartnerId,
    string PartnerName,
    string Code,
    DiscountKind Kind,
    int Value,
    int? Quota,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int Used,
    int Version);

/// <summary>One ticket bought with a partner's code (S-2.11): the buyer, the attendee, and whether they came.</summary>
public sealed record PurchaseRow(
    string TicketReference,
    string? OrderReference,
    string BuyerName,
    string? BuyerEmail,
    string AttendeeName,
    string? AttendeeEmail,
    string? TicketType,
    int PriceCents,
    int DiscountCents,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? CheckedInAt);

/// <summary>The totals of a set of purchases: tickets, what they brought in, what the codes took off, who came.</summary>
public sealed record UsageTotals(int Used, int RevenueCents, int DiscountCents, int CameCount)
{
    public static UsageTotals Of(IEnumerable<PurchaseRow> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var list = purchases.ToList();
        return new(list.Count, list.Sum(p => p.PriceCents), list.Sum(p => p.DiscountCents), list.Count(p => p.CheckedInAt is not null));
    }
}

/// <summary>One code of the partner and its use.</summary>
public sealed record CodeUsage(DiscountCodeRow Code, IReadOnlyList<PurchaseRow> Purchases, UsageTotals Totals);

/// <summary>S-2.11: a partner's codes and their use, with the totals of all of them.</summary>
public sealed record PartnerDiscountUsage(Guid PartnerId, string PartnerName, string TimeZoneId, IReadOnlyList<CodeUsage> Codes, UsageTotals Totals);

/// <summary>The event's imported tickets: how many, and how many carry a code the event does not have.</summary>
public sealed record PurchaseStats(int Purchases, int WithPartnerCode, int UnknownCode);

/// <summary>
/// S-2.11 discount codes: the organizer gives partners promo codes for a paid event; the ticket
/// purchases imported from the ticketing system show each partner who used its codes.
/// </summary>
public sealed partial class DiscountService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, ILiveEvents live, TimeProvider time)
{
    public const int CodeMinLength = 3;

    /// <summary>100,000.00 in cents: beyond, an amount is a typing error.</summary>
    public const int MaxAmountCents = 10_000_000;

    public const int MaxQuota = 1_000_000;

    private static readonly Error NotOrganizer = Error.Forbidden("not-organizer", "You do not organize this event.");

    private static readonly Error CodeGone = Error.NotFound("code-not-found", "This code does not exist (any more).");

    private static readonly Error Changed = Error.Conflict("changed", "Someone else changed this code meanwhile. Reload to see their changes.");

    /// <summary>A code as people type it, upper-cased; null when blank.</summary>
    public static string? Normalize(string? code) => Text.Clean(code)?.ToUpperInvariant();

    public async Task<Result<IReadOnlyList<DiscountCodeRow>>> ListAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        IReadOnlyList<DiscountCodeRow> rows = await Rows(db, db.DiscountCodes.Where(c => c.EventId == eventId)).ToListAsync(ct);
        return Result<IReadOnlyList<DiscountCodeRow>>.Ok([.. rows.OrderBy(r => r.PartnerName, StringComparer.CurrentCulture).ThenBy(r => r.Code, StringComparer.Ordinal)]);
    }

    public async Task<Result<PurchaseStats>> GetStatsAsync(Guid organizerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        var purchases = db.TicketPurchases.Where(t => t.EventId == eventId);
        return Result<PurchaseStats>.Ok(new PurchaseStats(
            await purchases.CountAsync(ct),
            await purchases.CountAsync(t => t.DiscountCodeId != null, ct),
            await purchases.CountAsync(t => t.Code != null && t.DiscountCodeId == null, ct)));
    }

    /// <summary>Creates a code; tickets already imported with that code are now counted as its use.</summary>
    public async Task<Result<Guid>> CreateAsync(Guid organizerId, Guid eventId, DiscountCodeDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        var (code, errors) = await ValidateAsync(db, eventId, null, draft, ct);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entity = new DiscountCode(eventId, draft.PartnerId, code!, draft.Kind, draft.Value, draft.Quota, draft.ValidFrom, draft.ValidUntil, time.GetUtcNow());
        db.DiscountCodes.Add(entity);
        if (await SaveAsync(db, ct) is { } failed)
        {
            return failed;
        }

        await LinkAsync(db, entity, ct);
        await tx.CommitAsync(ct);
        await TellAsync(eventId, [draft.PartnerId], ct);
        return Result<Guid>.Ok(entity.Id);
    }

    /// <summary>Edits a code (its partner too); a renamed code takes the tickets bought with its new name.</summary>
    public async Task<Result<Guid>> UpdateAsync(Guid organizerId, Guid codeId, DiscountCodeDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var entity = await db.DiscountCodes.FirstOrDefaultAsync(c => c.Id == codeId, ct);
        if (entity is null || !await IsOrganizerAsync(db, organizerId, entity.EventId, ct))
        {
            return CodeGone;
        }

        var (code, errors) = await ValidateAsync(db, entity.EventId, codeId, draft, ct);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (entity.Version != draft.Version)
        {
            return Changed;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var formerPartner = entity.PartnerId;
        db.Entry(entity).Property(c => c.Version).OriginalValue = draft.Version;
        entity.Edit(draft.PartnerId, code!, draft.Kind, draft.Value, draft.Quota, draft.ValidFrom, draft.ValidUntil);
        if (await SaveAsync(db, ct) is { } failed)
        {
            return failed;
        }

        await db.TicketPurchases.Where(t => t.DiscountCodeId == codeId && t.Code != code).ExecuteUpdateAsync(s => s.SetProperty(t => t.DiscountCodeId, (Guid?)null), ct);
        await LinkAsync(db, entity, ct);
        await tx.CommitAsync(ct);
        await TellAsync(entity.EventId, [formerPartner, draft.PartnerId], ct);
        return Result<Guid>.Ok(entity.Id);
    }

    /// <summary>Deletes a code; its tickets stay imported, with the code as typed and no partner.</summary>
    public async Task<Result<bool>> DeleteAsync(Guid organizerId, Guid codeId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var entity = await db.DiscountCodes.FirstOrDefaultAsync(c => c.Id == codeId, ct);
        if (entity is null || !await IsOrganizerAsync(db, organizerId, entity.EventId, ct))
        {
            return CodeGone;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TicketPurchases.Where(t => t.DiscountCodeId == codeId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DiscountCodeId, (Guid?)null), ct);
        db.DiscountCodes.Remove(entity);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await TellAsync(entity.EventId, [entity.PartnerId], ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>S-2.11: the partner's codes, each with the tickets bought with it and their totals.</summary>
    public async Task<Result<PartnerDiscountUsage>> GetUsageAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this partner's codes.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new { p.Name, e.TimeZoneId })
            .FirstAsync(ct);
        var codes = (await Rows(db, db.DiscountCodes.Where(c => c.PartnerId == partnerId)).ToListAsync(ct)).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var ids = codes.Select(c => c.Id).ToList();
        var purchases = (await db.TicketPurchases.AsNoTracking()
                .Where(t => t.DiscountCodeId != null && ids.Contains(t.DiscountCodeId.Value))
                .OrderBy(t => t.PurchasedAt)
                .ToListAsync(ct))
            .ToLookup(t => t.DiscountCodeId!.Value, t => new PurchaseRow(
                t.TicketReference, t.OrderReference, t.BuyerName, t.BuyerEmail, t.AttendeeName, t.AttendeeEmail, t.TicketType, t.PriceCents, t.DiscountCents, t.PurchasedAt, t.CheckedInAt));
        var usage = codes.Select(c => new CodeUsage(c, [.. purchases[c.Id]], UsageTotals.Of(purchases[c.Id]))).ToList();
        return Result<PartnerDiscountUsage>.Ok(new PartnerDiscountUsage(partnerId, partner.Name, partner.TimeZoneId, usage, UsageTotals.Of(usage.SelectMany(u => u.Purchases))));
    }

    private static IQueryable<DiscountCodeRow> Rows(PartnerSpaceDbContext db, IQueryable<DiscountCode> codes) =>
        codes.AsNoTracking().Join(db.Partners, c => c.PartnerId, p => p.Id, (c, p) => new DiscountCodeRow(
            c.Id, c.PartnerId, p.Name, c.Code, c.Kind, c.Value, c.Quota, c.ValidFrom, c.ValidUntil,
            db.TicketPurchases.Count(t => t.DiscountCodeId == c.Id), c.Version));

    /// <summary>Tickets imported with this code before it existed (or before a rename) become its use.</summary>
    private static Task<int> LinkAsync(PartnerSpaceDbContext db, DiscountCode code, CancellationToken ct) =>
        db.TicketPurchases.Where(t => t.EventId == code.EventId && t.Code == code.Code && t.DiscountCodeId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DiscountCodeId, (Guid?)code.Id), ct);

    private static async Task<Error?> SaveAsync(PartnerSpaceDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
        catch (DbUpdateException)
        {
            // The unique index (event, code) decides between two organizers typing the same code.
            return Error.Validation(new Dictionary<string, string[]> { ["code"] = ["This code is already used in this event."] });
        }
    }

    internal async Task TellAsync(Guid eventId, IEnumerable<Guid> partnerIds, CancellationToken ct)
    {
        await live.PublishAsync(new DiscountsChanged(eventId), ct);
        foreach (var partnerId in partnerIds.Distinct())
        {
            await live.PublishAsync(new DiscountUsageChanged(partnerId), ct);
        }
    }

    private static Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static async Task<(string? Code, Dictionary<string, string[]> Errors)> ValidateAsync(PartnerSpaceDbContext db, Guid eventId, Guid? codeId, DiscountCodeDraft draft, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var code = Normalize(draft.Code);
        if (code is null || code.Length < CodeMinLength || code.Length > DiscountCode.CodeMaxLength || !CodePattern().IsMatch(code))
        {
            errors["code"] = [$"A code is {CodeMinLength} to {DiscountCode.CodeMaxLength} letters, digits, dashes or underscores."];
        }

        switch (draft.Kind)
        {
            case DiscountKind.Percent when draft.Value is < 1 or > 100:
                errors["value"] = ["A percentage is 1 to 100."];
                break;
            case DiscountKind.Amount when draft.Value is < 1 or > MaxAmountCents:
                errors["value"] = ["An amount is more than 0 and at most 100,000.00."];
                break;
            case not (DiscountKind.Percent or DiscountKind.Amount):
                errors["kind"] = ["Choose a percentage or an amount."];
                break;
        }

        if (draft.Quota is < 1 or > MaxQuota)
        {
            errors["quota"] = ["A quota is 1 to 1,000,000 tickets, or empty for no limit."];
        }

        if (draft.ValidFrom is { } from && draft.ValidUntil is { } until && from > until)
        {
            errors["validUntil"] = ["The code is valid until a date after it starts."];
        }

        if (!await db.Partners.AnyAsync(p => p.Id == draft.PartnerId && p.EventId == eventId, ct))
        {
            errors["partnerId"] = ["Choose the partner who gives this code."];
        }

        if (code is not null && !errors.ContainsKey("code")
            && await db.DiscountCodes.AnyAsync(c => c.EventId == eventId && c.Code == code && c.Id != codeId, ct))
        {
            errors["code"] = ["This code is already used in this event."];
        }

        return (code, errors);
    }

    [GeneratedRegex("^[A-Z0-9_-]+$")]
    private static partial Regex CodePattern();
}
