using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Audit;

/// <summary>New lines were written to an event's security log: its organizers' log screen reloads.</summary>
public sealed record SecurityLogChanged(Guid EventId) : LiveEvent(Topics.Event(EventId));

/// <summary>
/// Records security-relevant actions (issue 8, item 6). <see cref="Add"/> records inside the
/// caller's own transaction (the action and its record commit together); <see cref="RecordAsync"/>
/// records on its own, for actions that are not a database change (a sign-in, an export).
/// </summary>
public sealed class SecurityLog(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time, ILiveEvents? live = null)
{
    public void Add(
        PartnerSpaceDbContext db, Guid? eventId, SecurityAction action, SecurityActor actor, RequestOrigin origin,
        string? target = null, Guid? partnerId = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.SecurityEvents.Add(new SecurityEvent(eventId, action, actor, origin, time.GetUtcNow(), target, partnerId, details));
    }

    public async Task RecordAsync(
        Guid? eventId, SecurityAction action, SecurityActor actor, RequestOrigin origin,
        string? target = null, Guid? partnerId = null, string? details = null, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            Add(db, eventId, action, actor, origin, target, partnerId, details);
            await db.SaveChangesAsync(ct);
        }

        await PublishAsync(eventId, ct);
    }

    /// <summary>Records an action on a partner as a whole (an export): its event and name are looked up here.</summary>
    public async Task RecordForPartnerAsync(
        Guid partnerId, SecurityAction action, SecurityActor actor, RequestOrigin origin, string? details = null, CancellationToken ct = default)
    {
        Guid? eventId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.EventId, p.Name }).FirstOrDefaultAsync(ct);
            eventId = partner?.EventId;
            Add(db, eventId, action, actor, origin, partner?.Name, partnerId, details);
            await db.SaveChangesAsync(ct);
        }

        await PublishAsync(eventId, ct);
    }

    /// <summary>
    /// Records what a <see cref="Viewer"/> did (their name looked up as it is now, their origin
    /// from <see cref="Viewer.Origin"/>), inside the caller's transaction; null is the application itself.
    /// </summary>
    public async Task AddAsync(
        PartnerSpaceDbContext db, Guid? eventId, SecurityAction action, Viewer? by,
        string? target = null, Guid? partnerId = null, string? details = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        Add(db, eventId, action, await ActorOfAsync(db, by, ct), by?.Origin ?? RequestOrigin.Unknown, target, partnerId, details);
    }

    /// <summary>Tells the event's open log screens, after the caller's commit.</summary>
    public Task PublishAsync(Guid? eventId, CancellationToken ct = default) =>
        live is not null && eventId is { } id ? live.PublishAsync(new SecurityLogChanged(id), ct) : Task.CompletedTask;

    /// <summary>The actor a viewer is in the log: the organizer's display name (or e-mail), the person's full name.</summary>
    public static async Task<SecurityActor> ActorOfAsync(PartnerSpaceDbContext db, Viewer? viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        switch (viewer)
        {
            case null:
                return SecurityActor.System;
            case { Kind: ViewerKind.Organizer }:
                var user = await db.Users.AsNoTracking().Where(u => u.Id == viewer.Id).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
                return new SecurityActor(SecurityActorKind.Organizer, viewer.Id, user is null ? "" : string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName);
            default:
                var name = await db.People.AsNoTracking().Where(p => p.Id == viewer.Id).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct);
                return new SecurityActor(SecurityActorKind.Person, viewer.Id, name ?? "");
        }
    }
}
