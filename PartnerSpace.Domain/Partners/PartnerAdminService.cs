using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Partners;

/// <summary>What the organizer types to create or edit a partner.</summary>
public sealed record PartnerDraft(string? Name, string? Category, bool IsTestPartner, int Version = 0);

/// <summary>What goes with a partner when it is deleted, for the confirmation.</summary>
public sealed record PartnerDeletionImpact(string Name, int Members, int Leads, int Scans, int DeviceKeys);

/// <summary>S-1.1: organizers create, edit and delete the partners of the events they organize.</summary>
public sealed class PartnerAdminService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
{
    public async Task<Result<Guid>> CreateAsync(Guid organizerId, Guid eventId, PartnerDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct))
        {
            return Error.Forbidden("not-organizer", "You do not organize this event.");
        }

        var (name, category, errors) = Validate(draft);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var partner = new Partner(eventId, name!, category, draft.IsTestPartner, time.GetUtcNow());
        db.Partners.Add(partner);
        return await SaveAsync(db, partner.Id, ct);
    }

    public async Task<Result<Guid>> UpdateAsync(Guid organizerId, Guid partnerId, PartnerDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await FindOwnAsync(db, organizerId, partnerId, ct);
        if (partner is null)
        {
            return Error.NotFound("partner-not-found", "This partner does not exist (any more).");
        }

        var (name, category, errors) = Validate(draft);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (partner.Version != draft.Version)
        {
            return Error.Conflict("changed", "Someone else changed this partner meanwhile. Reload to see their changes.");
        }

        // The concurrency token makes a save racing another one fail instead of overwriting it.
        db.Entry(partner).Property(p => p.Version).OriginalValue = draft.Version;
        partner.Edit(name!, category, draft.IsTestPartner);
        return await SaveAsync(db, partner.Id, ct);
    }

    public async Task<PartnerDeletionImpact?> GetDeletionImpactAsync(Guid organizerId, Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await FindOwnAsync(db, organizerId, partnerId, ct);
        return partner is null
            ? null
            : new PartnerDeletionImpact(
                partner.Name,
                await db.PartnerMembers.CountAsync(m => m.PartnerId == partnerId, ct),
                await db.Leads.CountAsync(l => l.PartnerId == partnerId, ct),
                await db.Scans.CountAsync(s => s.PartnerId == partnerId, ct),
                await db.DeviceKeys.CountAsync(k => k.PartnerId == partnerId, ct));
    }

    /// <summary>Deletes the partner with its team memberships, leads, scans and device keys; people stay.</summary>
    public async Task<Result<bool>> DeleteAsync(Guid organizerId, Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await FindOwnAsync(db, organizerId, partnerId, ct);
        if (partner is null)
        {
            return Error.NotFound("partner-not-found", "This partner does not exist (any more).");
        }

        db.Partners.Remove(partner);
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    private static async Task<Partner?> FindOwnAsync(PartnerSpaceDbContext db, Guid organizerId, Guid partnerId, CancellationToken ct) =>
        await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId && db.EventOrganizers.Any(o => o.UserId == organizerId && o.EventId == p.EventId), ct);

    private static (string? Name, string? Category, Dictionary<string, string[]> Errors) Validate(PartnerDraft draft)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = Text.Clean(draft.Name);
        var category = Text.Clean(draft.Category);
        if (name is null)
        {
            errors["name"] = ["A partner needs a name."];
        }
        else if (name.Length > Partner.NameMaxLength)
        {
            errors["name"] = [$"A name is at most {Partner.NameMaxLength} characters."];
        }

        if (category is { Length: > Partner.CategoryMaxLength })
        {
            errors["category"] = [$"A category is at most {Partner.CategoryMaxLength} characters."];
        }

        return (name, category, errors);
    }

    private static async Task<Result<Guid>> SaveAsync(PartnerSpaceDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Guid>.Ok(id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("changed", "Someone else changed this partner meanwhile. Reload to see their changes.");
        }
        catch (DbUpdateException)
        {
            // The unique (event, name) index decides between two partners of the same name.
            return Error.Validation(new Dictionary<string, string[]> { ["name"] = ["Another partner of this event already has this name."] });
        }
    }
}
