using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Meetings;

/// <summary>A person who may host a partner's meetings: one of its administrators or sales contacts.</summary>
public sealed record MeetingHost(Guid PersonId, string Name, MemberRole Role);

/// <summary>
/// S-2.8, S-2.9: what the partner's meeting screens offer to choose from: its free future slots
/// (to propose or move a meeting) and the people who may host (to reassign). Anyone who acts for
/// the partner's meetings (<see cref="MeetingAccess.Any"/>) may read them, sales contacts included,
/// whatever S-1.8 says about choosing slots; <see cref="MeetingService"/> checks each action again.
/// </summary>
public sealed class MeetingChoiceService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
{
    /// <summary>How many free slots a choice list shows at most, soonest first.</summary>
    public const int MaxSlots = 500;

    private static readonly Error Forbidden = Error.Forbidden("forbidden", "You may not act for this partner's meetings.");

    /// <summary>The partner's slots that start later and hold no pending or accepted meeting, soonest first.</summary>
    public async Task<Result<IReadOnlyList<SlotRow>>> FreeSlotsAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!(await MeetingAccess.OfAsync(db, viewer, partnerId, ct)).Any)
        {
            return Forbidden;
        }

        var now = time.GetUtcNow();
        var slots = await db.FreeFutureSlots(partnerId, now)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Take(MaxSlots)
            .ToRows(db)
            .ToListAsync(ct);
        return Result<IReadOnlyList<SlotRow>>.Ok(slots);
    }

    /// <summary>The partner's administrators and sales contacts, by name.</summary>
    public async Task<Result<IReadOnlyList<MeetingHost>>> HostsAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!(await MeetingAccess.OfAsync(db, viewer, partnerId, ct)).Any)
        {
            return Forbidden;
        }

        var hosts = await db.HostsAsync(partnerId, null, ct);
        return Result<IReadOnlyList<MeetingHost>>.Ok(hosts);
    }
}
