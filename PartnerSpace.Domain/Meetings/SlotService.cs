using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A pause in a day of slots (lunch 12:00 to 13:30), in the event's time zone.</summary>
public sealed record SlotPause(TimeOnly From, TimeOnly To);

/// <summary>
/// What is typed to generate slots: a day and hours in the event's time zone, a meeting length and
/// a break between meetings in minutes, optional pauses, for a space and/or a staff member.
/// </summary>
public sealed record SlotRequest(DateOnly Day, TimeOnly From, TimeOnly To, int DurationMinutes, int BreakMinutes, IReadOnlyList<SlotPause>? Pauses, Guid? SpaceId, Guid? StaffPersonId);

/// <summary>A slot that a request would create, in UTC and in the event's local time.</summary>
public sealed record PlannedSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTime LocalStart, DateTime LocalEnd);

/// <summary>A slot as the calendar lists it: free, or held by a live (pending or accepted) meeting.</summary>
public sealed record SlotRow(Guid Id, Guid? SpaceId, string? SpaceName, Guid? StaffPersonId, string? StaffName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? MeetingId, MeetingStatus? MeetingStatus)
{
    public bool IsFree => MeetingId is null;
}

/// <summary>
/// S-2.10: a partner's meeting slots, generated from a day, hours, a duration, breaks and pauses,
/// on the 5-minute grid of ADR 0009; stored in UTC, converted from the event's time zone (daylight
/// saving days included). Administrators and organizers manage every slot; a sales contact, when
/// the organizer lets them choose their slots (S-1.8), only their own (<see cref="CalendarRights"/>).
/// </summary>
public sealed class SlotService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const int MinDuration = 10;
    public const int MaxDuration = 240;
    public const int MaxBreak = 120;
    public const int MaxPauses = 5;
    public const int MaxListDays = 31;

    private const int Grid = MeetingOccupancy.CellMinutes;

    private static readonly Error Forbidden = Error.Forbidden("forbidden", "You cannot manage these meeting slots.");

    /// <summary>What <see cref="CreateAsync"/> would create, checked the same way; nothing is written.</summary>
    public async Task<Result<IReadOnlyList<PlannedSlot>>> PreviewAsync(Viewer viewer, Guid partnerId, SlotRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await PlanAsync(db, viewer, partnerId, request, ct);
    }

    /// <summary>Checks the request and creates its slots in one transaction: all of them or none.</summary>
    public async Task<Result<IReadOnlyList<SlotRow>>> CreateAsync(Viewer viewer, Guid partnerId, SlotRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanAsync(db, viewer, partnerId, request, ct);
        if (!plan.IsSuccess)
        {
            return plan.Error!;
        }

        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        var now = time.GetUtcNow();
        var slots = plan.Value!.Select(p => new MeetingSlot(eventId, partnerId, request.SpaceId, request.StaffPersonId, p.StartsAt, p.EndsAt, now)).ToList();
        db.MeetingSlots.AddRange(slots);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new MeetingCalendarChanged(partnerId), ct);
        var ids = slots.Select(s => s.Id).ToList();
        return Result<IReadOnlyList<SlotRow>>.Ok(await RowsAsync(db, db.MeetingSlots.Where(s => ids.Contains(s.Id)), ct));
    }

    /// <summary>The partner's slots from <paramref name="from"/> to <paramref name="to"/> (days in the event's time zone, both included).</summary>
    public async Task<Result<IReadOnlyList<SlotRow>>> ListAsync(Viewer viewer, Guid partnerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!(await CalendarRights.SlotsAsync(db, viewer, partnerId, ct)).Any)
        {
            return Forbidden;
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxListDays)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["to"] = [$"Choose an end day after the start day, at most {MaxListDays} days later."] });
        }

        var zone = await ZoneAsync(db, partnerId, ct);
        var start = ToUtc(from, TimeOnly.MinValue, zone);
        var end = ToUtc(to.AddDays(1), TimeOnly.MinValue, zone);
        return Result<IReadOnlyList<SlotRow>>.Ok(await RowsAsync(db, db.MeetingSlots.Where(s => s.PartnerId == partnerId && s.StartsAt >= start && s.StartsAt < end), ct));
    }

    /// <summary>
    /// Deletes free slots, all or none: refused when one of them holds a pending or accepted
    /// meeting. Slots already gone are ignored.
    /// </summary>
    public async Task<Result<int>> DeleteAsync(Viewer viewer, Guid partnerId, IReadOnlyCollection<Guid> slotIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(slotIds);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rights = await CalendarRights.SlotsAsync(db, viewer, partnerId, ct);
        if (!rights.Any)
        {
            return Forbidden;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = slotIds.Distinct().ToList();
        var slots = await db.MeetingSlots.Where(s => s.PartnerId == partnerId && ids.Contains(s.Id)).ToListAsync(ct);
        if (slots.Any(s => !rights.MayStaff(s.StaffPersonId)))
        {
            return Error.Forbidden("forbidden", "You can delete only your own slots.");
        }

        var held = await db.Meetings
            .Where(m => m.SlotId != null && ids.Contains(m.SlotId.Value) && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted))
            .Select(m => m.SlotId).Distinct().CountAsync(ct);
        if (held > 0)
        {
            return Error.Conflict(
                "slot-has-meeting",
                held == 1
                    ? "1 of these slots holds a pending or accepted meeting: move or cancel it first, or leave that slot out."
                    : $"{held} of these slots hold pending or accepted meetings: move or cancel them first, or leave those slots out.");
        }

        // Ended meetings (declined, cancelled, expired) keep their own times: the database sets their slot to null.
        db.MeetingSlots.RemoveRange(slots);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (slots.Count > 0)
        {
            await live.PublishAsync(new MeetingCalendarChanged(partnerId), ct);
        }

        return Result<int>.Ok(slots.Count);
    }

    /// <summary>
    /// The slots between <paramref name="from"/> and <paramref name="to"/>: meetings of
    /// <paramref name="duration"/> minutes separated by <paramref name="breakMinutes"/>, none
    /// overlapping a pause (the next one starts when the pause ends). Computed on real (UTC) time,
    /// so a day when the clocks change gets the meetings its hours really hold.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Layout(DateTimeOffset from, DateTimeOffset to, int duration, int breakMinutes, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        var slots = new List<(DateTimeOffset, DateTimeOffset)>();
        var start = from;
        var length = TimeSpan.FromMinutes(duration);
        while (start + length <= to)
        {
            var slotEnd = start + length;
            var overlapping = pauses.Where(p => p.From < slotEnd && p.To > start).ToList();
            if (overlapping.Count > 0)
            {
                start = overlapping.Max(p => p.To);
                continue;
            }

            slots.Add((start, slotEnd));
            start = slotEnd + TimeSpan.FromMinutes(breakMinutes);
        }

        return slots;
    }

    /// <summary>
    /// A local wall-clock time of the event's zone in UTC. A time skipped by the spring change
    /// (02:30 in Paris) is moved forward by the gap; a time met twice in autumn is the first one.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly day, TimeOnly at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(at, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            local += after - before;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static async Task<Result<IReadOnlyList<PlannedSlot>>> PlanAsync(PartnerSpaceDbContext db, Viewer viewer, Guid partnerId, SlotRequest request, CancellationToken ct)
    {
        var rights = await CalendarRights.SlotsAsync(db, viewer, partnerId, ct);
        if (!rights.Any)
        {
            return Forbidden;
        }

        var ev = await db.Partners.Where(p => p.Id == partnerId)
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new { e.StartsAt, e.EndsAt, e.TimeZoneId })
            .FirstAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZoneId);
        var pauses = request.Pauses ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ev.StartsAt, zone).DateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ev.EndsAt, zone).DateTime).AddDays(1);
        if (request.Day < firstDay || request.Day > lastDay)
        {
            errors["day"] = [$"Choose a day of the event, from {firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}."];
        }

        if (!OnGrid(request.From))
        {
            errors["from"] = [$"Start on a multiple of {Grid} minutes (09:00, 09:05…)."];
        }

        if (!OnGrid(request.To))
        {
            errors["to"] = [$"End on a multiple of {Grid} minutes (18:00, 17:55…)."];
        }
        else if (request.To <= request.From)
        {
            errors["to"] = ["End after the start."];
        }

        if (request.DurationMinutes is < MinDuration or > MaxDuration || request.DurationMinutes % Grid != 0)
        {
            errors["duration"] = [$"A meeting lasts {MinDuration} to {MaxDuration} minutes, in steps of {Grid}."];
        }

        if (request.BreakMinutes is < 0 or > MaxBreak || request.BreakMinutes % Grid != 0)
        {
            errors["break"] = [$"A break lasts 0 to {MaxBreak} minutes, in steps of {Grid}."];
        }

        if (pauses.Count > MaxPauses)
        {
            errors["pauses"] = [$"At most {MaxPauses} pauses a day."];
        }
        else if (pauses.FirstOrDefault(p => !OnGrid(p.From) || !OnGrid(p.To) || p.To <= p.From || p.From < request.From || p.To > request.To) is { } wrong)
        {
            errors["pauses"] = [$"The pause {wrong.From:HH\\:mm}–{wrong.To:HH\\:mm} must end after it starts, on multiples of {Grid} minutes, within the hours."];
        }

        if (request.SpaceId is null && request.StaffPersonId is null)
        {
            errors["space"] = ["Choose a meeting space, a staff member, or both."];
        }

        if (request.SpaceId is { } spaceId && !await db.MeetingSpaces.AnyAsync(s => s.Id == spaceId && s.PartnerId == partnerId, ct))
        {
            errors["space"] = ["This meeting space no longer exists: choose another one."];
        }

        if (!rights.MayStaff(request.StaffPersonId))
        {
            errors["staff"] = ["You can create slots only for yourself."];
        }
        else if (request.StaffPersonId is { } staffId && !await db.PartnerMembers.AnyAsync(m => m.PartnerId == partnerId && m.PersonId == staffId, ct))
        {
            errors["staff"] = ["Choose a member of the team."];
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var utcPauses = pauses.Select(p => (ToUtc(request.Day, p.From, zone), ToUtc(request.Day, p.To, zone))).ToList();
        var planned = Layout(ToUtc(request.Day, request.From, zone), ToUtc(request.Day, request.To, zone), request.DurationMinutes, request.BreakMinutes, utcPauses)
            .Select(s => new PlannedSlot(s.From, s.To, TimeZoneInfo.ConvertTime(s.From, zone).DateTime, TimeZoneInfo.ConvertTime(s.To, zone).DateTime))
            .ToList();
        if (planned.Count == 0)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["to"] = ["No meeting fits in these hours: widen them or shorten the meetings."] });
        }

        var first = planned[0].StartsAt;
        var last = planned[^1].EndsAt;
        var existing = await db.MeetingSlots.AsNoTracking()
            .Where(s => s.PartnerId == partnerId && s.StartsAt < last && s.EndsAt > first
                && ((request.SpaceId != null && s.SpaceId == request.SpaceId) || (request.StaffPersonId != null && s.StaffPersonId == request.StaffPersonId)))
            .OrderBy(s => s.StartsAt)
            .ToListAsync(ct);
        foreach (var slot in planned)
        {
            if (existing.FirstOrDefault(s => s.StartsAt < slot.EndsAt && s.EndsAt > slot.StartsAt) is { } clash)
            {
                var whose = request.SpaceId is not null && clash.SpaceId == request.SpaceId ? "this space" : "this staff member";
                var clashStart = TimeZoneInfo.ConvertTime(clash.StartsAt, zone);
                var clashEnd = TimeZoneInfo.ConvertTime(clash.EndsAt, zone);
                return Error.Validation(new Dictionary<string, string[]>
                {
                    ["slots"] = [string.Create(CultureInfo.InvariantCulture, $"The slot {slot.LocalStart:HH\\:mm}–{slot.LocalEnd:HH\\:mm} would overlap the existing slot {clashStart:HH\\:mm}–{clashEnd:HH\\:mm} of {whose}.")],
                });
            }
        }

        return Result<IReadOnlyList<PlannedSlot>>.Ok(planned);
    }

    private static bool OnGrid(TimeOnly at) => at.Second == 0 && at.Millisecond == 0 && at.Minute % Grid == 0;

    private static async Task<TimeZoneInfo> ZoneAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct)
    {
        var id = await db.EventTimeZoneIdAsync(partnerId, ct) ?? throw new InvalidOperationException($"Partner {partnerId} does not exist.");
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    private static async Task<IReadOnlyList<SlotRow>> RowsAsync(PartnerSpaceDbContext db, IQueryable<MeetingSlot> slots, CancellationToken ct) =>
        await slots.OrderBy(s => s.StartsAt).ToRows(db).ToListAsync(ct);
}
