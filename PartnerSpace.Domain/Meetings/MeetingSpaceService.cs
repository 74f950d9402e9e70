using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A meeting space as the calendar lists it; <see cref="Version"/> goes back with an edit.</summary>
public sealed record MeetingSpaceRow(Guid Id, int Position, string Name, SpaceKind Kind, string? Link, string? Place, int? Capacity, int Version);

/// <summary>What is typed in the space dialog.</summary>
public sealed record MeetingSpaceDraft(string? Name, SpaceKind Kind, string? Link, string? Place, int? Capacity);

/// <summary>
/// S-2.10, S-1.8, S-3.3: a partner's meeting spaces, online (a link) or physical (a place and a
/// capacity). Administrators and organizers manage them; sales contacts too when the organizer
/// allows it, and only the kinds allowed (<see cref="CalendarRights"/>). Every change tells the
/// partner's open calendar screens.
/// </summary>
public sealed class MeetingSpaceService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live)
{
    public const int MaxSpaces = 50;
    public const int MaxCapacity = 500;

    private static readonly Error Forbidden = Error.Forbidden("forbidden", "You cannot manage these meeting spaces.");

    private static readonly Error SpaceGone = Error.NotFound("space-not-found", "This meeting space no longer exists: someone deleted it.");

    private static readonly Error Changed = Error.Conflict("changed", "Someone else changed this meeting space meanwhile. What you typed is still here: reload to see their version.");

    public async Task<Result<IReadOnlyList<MeetingSpaceRow>>> ListAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var access = await MeetingAccess.OfAsync(db, viewer, partnerId, ct);
        if (!access.MayChooseSlots && !access.MayManageAnySpace)
        {
            return Forbidden;
        }

        return Result<IReadOnlyList<MeetingSpaceRow>>.Ok(await RowsAsync(db, partnerId, ct));
    }

    /// <summary>Adds a space after the others.</summary>
    public async Task<Result<MeetingSpaceRow>> CreateAsync(Viewer viewer, Guid partnerId, MeetingSpaceDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rights = await CalendarRights.SpacesAsync(db, viewer, partnerId, ct);
        if (!rights.Any)
        {
            return Forbidden;
        }

        if (Check(draft, rights) is { } invalid)
        {
            return invalid;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var positions = await db.MeetingSpaces.Where(s => s.PartnerId == partnerId).Select(s => s.Position).ToListAsync(ct);
        if (positions.Count >= MaxSpaces)
        {
            return Error.Conflict("too-many", $"A partner has at most {MaxSpaces} meeting spaces: delete one first.");
        }

        var (name, link, place, capacity) = Cleaned(draft);
        var space = new MeetingSpace(partnerId, name, draft.Kind, link, place, capacity, positions.Count == 0 ? 0 : positions.Max() + 1);
        db.MeetingSpaces.Add(space);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new MeetingCalendarChanged(partnerId), ct);
        return Result<MeetingSpaceRow>.Ok(ToRow(space));
    }

    /// <summary>Replaces a space's kind, name and details; a stale <paramref name="version"/> is a conflict and writes nothing.</summary>
    public async Task<Result<MeetingSpaceRow>> EditAsync(Viewer viewer, Guid partnerId, Guid spaceId, int version, MeetingSpaceDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rights = await CalendarRights.SpacesAsync(db, viewer, partnerId, ct);
        if (!rights.Any)
        {
            return Forbidden;
        }

        if (Check(draft, rights) is { } invalid)
        {
            return invalid;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var space = await db.MeetingSpaces.FirstOrDefaultAsync(s => s.Id == spaceId && s.PartnerId == partnerId, ct);
        if (space is null)
        {
            return SpaceGone;
        }

        if (!rights.MaySpaceKind(space.Kind))
        {
            return Forbidden;
        }

        if (space.Version != version)
        {
            return Changed;
        }

        var (name, link, place, capacity) = Cleaned(draft);
        space.Edit(name, draft.Kind, link, place, capacity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }

        await tx.CommitAsync(ct);
        await live.PublishAsync(new MeetingCalendarChanged(partnerId), ct);
        return Result<MeetingSpaceRow>.Ok(ToRow(space));
    }

    /// <summary>
    /// Deletes a space and its slots. Refused while meetings are pending or accepted in its slots
    /// (they must be moved or cancelled first). Ended meetings keep their own times: the database
    /// sets their slot to null, so the partner's meeting history (S-2.12) is not lost.
    /// </summary>
    public async Task<Result<bool>> DeleteAsync(Viewer viewer, Guid partnerId, Guid spaceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rights = await CalendarRights.SpacesAsync(db, viewer, partnerId, ct);
        if (!rights.Any)
        {
            return Forbidden;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spaces = await db.MeetingSpaces.Where(s => s.PartnerId == partnerId).OrderBy(s => s.Position).ToListAsync(ct);
        var space = spaces.Find(s => s.Id == spaceId);
        if (space is null)
        {
            return SpaceGone;
        }

        if (!rights.MaySpaceKind(space.Kind))
        {
            return Forbidden;
        }

        var liveMeetings = await db.Meetings.CountAsync(
            m => (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted)
                && db.MeetingSlots.Any(s => s.Id == m.SlotId && s.SpaceId == spaceId),
            ct);
        if (liveMeetings > 0)
        {
            return Error.Conflict(
                "space-has-meetings",
                liveMeetings == 1
                    ? "This space has 1 pending or accepted meeting: move or cancel it before deleting the space."
                    : $"This space has {liveMeetings} pending or accepted meetings: move or cancel them before deleting the space.");
        }

        var slots = await db.MeetingSlots.Where(s => s.SpaceId == spaceId).ToListAsync(ct);
        db.MeetingSlots.RemoveRange(slots);

        db.MeetingSpaces.Remove(space);
        spaces.Remove(space);
        Renumber(spaces);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new MeetingCalendarChanged(partnerId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Puts the spaces in the given order (every space once); an order made from a stale list is a conflict.</summary>
    public async Task<Result<IReadOnlyList<MeetingSpaceRow>>> ReorderAsync(Viewer viewer, Guid partnerId, IReadOnlyList<Guid> order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(order);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!(await CalendarRights.SpacesAsync(db, viewer, partnerId, ct)).Any)
        {
            return Forbidden;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spaces = await db.MeetingSpaces.Where(s => s.PartnerId == partnerId).ToDictionaryAsync(s => s.Id, ct);
        if (order.Count != spaces.Count || order.Distinct().Count() != order.Count || !order.All(spaces.ContainsKey))
        {
            return Error.Conflict("changed", "The meeting spaces changed meanwhile: reload to see them, then move them again.");
        }

        Renumber([.. order.Select(id => spaces[id])]);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new MeetingCalendarChanged(partnerId), ct);
        return Result<IReadOnlyList<MeetingSpaceRow>>.Ok(await RowsAsync(db, partnerId, ct));
    }

    /// <summary>Field errors of a draft (keys: name, kind, link, place, capacity), or null when it is acceptable.</summary>
    internal static Error? Check(MeetingSpaceDraft draft, CalendarRights rights)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = Text.Clean(draft.Name);
        if (name is null)
        {
            errors["name"] = ["A meeting space needs a name."];
        }
        else if (name.Length > MeetingSpace.NameMaxLength)
        {
            errors["name"] = [$"A name is at most {MeetingSpace.NameMaxLength} characters."];
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            errors["kind"] = ["Choose an online or a physical space."];
        }
        else if (!rights.MaySpaceKind(draft.Kind))
        {
            errors["kind"] = [draft.Kind == SpaceKind.Online
                ? "The organizer does not let sales contacts manage online spaces."
                : "The organizer does not let sales contacts manage physical spaces."];
        }
        else if (draft.Kind == SpaceKind.Online)
        {
            var link = Text.Clean(draft.Link);
            if (link is null)
            {
                errors["link"] = ["An online space needs the link of its video call."];
            }
            else if (link.Length > MeetingSpace.LinkMaxLength)
            {
                errors["link"] = [$"A link is at most {MeetingSpace.LinkMaxLength} characters."];
            }
            else if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
            {
                errors["link"] = ["Enter a web address starting with https://."];
            }
        }
        else
        {
            var place = Text.Clean(draft.Place);
            if (place is null)
            {
                errors["place"] = ["A physical space needs a place (a stand, a room)."];
            }
            else if (place.Length > MeetingSpace.PlaceMaxLength)
            {
                errors["place"] = [$"A place is at most {MeetingSpace.PlaceMaxLength} characters."];
            }

            if (draft.Capacity is < 1 or > MaxCapacity)
            {
                errors["capacity"] = [$"A capacity is between 1 and {MaxCapacity} people, or empty."];
            }
        }

        return errors.Count == 0 ? null : Error.Validation(errors);
    }

    /// <summary>An online space keeps only its link, a physical one only its place and capacity.</summary>
    private static (string Name, string? Link, string? Place, int? Capacity) Cleaned(MeetingSpaceDraft draft) =>
        draft.Kind == SpaceKind.Online
            ? (Text.Clean(draft.Name)!, Text.Clean(draft.Link), null, null)
            : (Text.Clean(draft.Name)!, null, Text.Clean(draft.Place), draft.Capacity);

    private static void Renumber(List<MeetingSpace> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Position != i)
            {
                ordered[i].MoveTo(i);
            }
        }
    }

    private static async Task<IReadOnlyList<MeetingSpaceRow>> RowsAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct) =>
        await db.MeetingSpaces.AsNoTracking()
            .Where(s => s.PartnerId == partnerId)
            .OrderBy(s => s.Position)
            .Select(s => new MeetingSpaceRow(s.Id, s.Position, s.Name, s.Kind, s.Link, s.Place, s.Capacity, s.Version))
            .ToListAsync(ct);

    private static MeetingSpaceRow ToRow(MeetingSpace s) => new(s.Id, s.Position, s.Name, s.Kind, s.Link, s.Place, s.Capacity, s.Version);
}
