using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Offers;

/// <summary>An offer as the partner's tab lists it; <see cref="Version"/> goes back with an edit.</summary>
public sealed record OfferRow(Guid Id, int Position, string Title, string? Description, string? Link, bool IsVisible, int Version, DateTimeOffset UpdatedAt);

/// <summary>What is typed in the offer dialog.</summary>
public sealed record OfferDraft(string? Title, string? Description, string? Link, bool IsVisible);

/// <summary>
/// S-2.4: a partner's offers, each shown on its public page or not, for the partner's
/// administrators and the event's organizers. Every change tells the open tab and public page.
/// </summary>
public sealed class OfferService(IDbContextFactory<PartnerSpaceDbContext> dbs, PartnerAccessService access, ILiveEvents live, TimeProvider time)
{
    /// <summary>More would not be read on a public page; it also bounds what one partner can store.</summary>
    public const int MaxOffers = 50;

    private static readonly Error OfferGone = Error.NotFound("offer-not-found", "This offer no longer exists: someone deleted it.");

    private static readonly Error Changed = Error.Conflict("changed", "Someone else changed this offer meanwhile. What you typed is still here: reload to see their version.");

    public async Task<Result<IReadOnlyList<OfferRow>>> ListAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see these offers.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return Result<IReadOnlyList<OfferRow>>.Ok(await RowsAsync(db, partnerId, ct));
    }

    /// <summary>Adds an offer after the others.</summary>
    public async Task<Result<OfferRow>> CreateAsync(Viewer viewer, Guid partnerId, OfferDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change these offers.");
        }

        if (Check(draft) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var positions = await db.Offers.Where(o => o.PartnerId == partnerId).Select(o => o.Position).ToListAsync(ct);
        if (positions.Count >= MaxOffers)
        {
            return Error.Conflict("too-many", $"A partner has at most {MaxOffers} offers: delete one first.");
        }

        var offer = new Offer(partnerId, positions.Count == 0 ? 0 : positions.Max() + 1, Text.Clean(draft.Title)!, Text.Clean(draft.Description), Text.Clean(draft.Link), draft.IsVisible, time.GetUtcNow());
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(db, partnerId, ct);
        return Result<OfferRow>.Ok(ToRow(offer));
    }

    /// <summary>Replaces an offer's texts and visibility; a stale <paramref name="version"/> is a conflict and writes nothing.</summary>
    public async Task<Result<OfferRow>> EditAsync(Viewer viewer, Guid partnerId, Guid offerId, int version, OfferDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change these offers.");
        }

        if (Check(draft) is { } invalid)
        {
            return invalid;
        }

        return await UpdateAsync(partnerId, offerId, version, o => o.Edit(Text.Clean(draft.Title)!, Text.Clean(draft.Description), Text.Clean(draft.Link), draft.IsVisible, time.GetUtcNow()), ct);
    }

    /// <summary>Shows or hides an offer on the public page (the tab's switch), keeping its texts.</summary>
    public async Task<Result<OfferRow>> SetVisibleAsync(Viewer viewer, Guid partnerId, Guid offerId, int version, bool visible, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change these offers.");
        }

        return await UpdateAsync(partnerId, offerId, version, o => o.Edit(o.Title, o.Description, o.Link, visible, time.GetUtcNow()), ct);
    }

    public async Task<Result<bool>> DeleteAsync(Viewer viewer, Guid partnerId, Guid offerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change these offers.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offers = await db.Offers.Where(o => o.PartnerId == partnerId).OrderBy(o => o.Position).ToListAsync(ct);
        var offer = offers.Find(o => o.Id == offerId);
        if (offer is null)
        {
            return OfferGone;
        }

        // The person confirmed deleting this offer: deleted whatever its version, the others closed up.
        db.Offers.Remove(offer);
        offers.Remove(offer);
        Renumber(offers);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(db, partnerId, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>
    /// Puts the offers in the given order (every offer once). An order made from a stale list (an
    /// offer added or deleted meanwhile) is a conflict: the tab reloads instead of guessing.
    /// </summary>
    public async Task<Result<IReadOnlyList<OfferRow>>> ReorderAsync(Viewer viewer, Guid partnerId, IReadOnlyList<Guid> order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot change these offers.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offers = await db.Offers.Where(o => o.PartnerId == partnerId).ToDictionaryAsync(o => o.Id, ct);
        if (order.Count != offers.Count || order.Distinct().Count() != order.Count || !order.All(offers.ContainsKey))
        {
            return Error.Conflict("changed", "The offers changed meanwhile: reload to see them, then move them again.");
        }

        Renumber([.. order.Select(id => offers[id])]);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(db, partnerId, ct);
        return Result<IReadOnlyList<OfferRow>>.Ok(await RowsAsync(db, partnerId, ct));
    }

    /// <summary>Field errors of a draft (keys: title, description, link), or null when it is acceptable.</summary>
    public static Error? Check(OfferDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = Text.Clean(draft.Title);
        if (title is null)
        {
            errors["title"] = ["An offer needs a title."];
        }
        else if (title.Length > Offer.TitleMaxLength)
        {
            errors["title"] = [$"A title is at most {Offer.TitleMaxLength} characters."];
        }

        if (Text.Clean(draft.Description) is { Length: > Offer.DescriptionMaxLength })
        {
            errors["description"] = [$"A description is at most {Offer.DescriptionMaxLength} characters."];
        }

        if (Text.Clean(draft.Link) is { } link)
        {
            if (link.Length > Offer.LinkMaxLength)
            {
                errors["link"] = [$"A link is at most {Offer.LinkMaxLength} characters."];
            }
            else if (!IsWebAddress(link))
            {
                errors["link"] = ["Enter a web address starting with https://."];
            }
        }

        return errors.Count == 0 ? null : Error.Validation(errors);
    }

    /// <summary>An absolute http or https address with a host: nothing else is ever linked from a public page.</summary>
    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;

    private async Task<Result<OfferRow>> UpdateAsync(Guid partnerId, Guid offerId, int version, Action<Offer> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == offerId && o.PartnerId == partnerId, ct);
        if (offer is null)
        {
            return OfferGone;
        }

        if (offer.Version != version)
        {
            return Changed;
        }

        change(offer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }

        await tx.CommitAsync(ct);
        await PublishAsync(db, partnerId, ct);
        return Result<OfferRow>.Ok(ToRow(offer));
    }

    private static void Renumber(List<Offer> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Position != i)
            {
                ordered[i].MoveTo(i);
            }
        }
    }

    private async Task PublishAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct)
    {
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        await live.PublishAsync(new OffersChanged(eventId, partnerId), ct);
    }

    private static async Task<IReadOnlyList<OfferRow>> RowsAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct) =>
        await db.Offers.AsNoTracking()
            .Where(o => o.PartnerId == partnerId)
            .OrderBy(o => o.Position)
            .Select(o => new OfferRow(o.Id, o.Position, o.Title, o.Description, o.Link, o.IsVisible, o.Version, o.UpdatedAt))
            .ToListAsync(ct);

    private static OfferRow ToRow(Offer o) => new(o.Id, o.Position, o.Title, o.Description, o.Link, o.IsVisible, o.Version, o.UpdatedAt);
}
