using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Leads;

/// <summary>A device key as its administrators see it: never the token, only its last characters.</summary>
public sealed record DeviceKeyRow(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A partner's device keys, newest first, and the event's time zone to show their times in.</summary>
public sealed record DeviceKeyList(string TimeZoneId, IReadOnlyList<DeviceKeyRow> Keys)
{
    public int ActiveCount => Keys.Count(k => k.IsActive);
}

/// <summary>A key just created: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record NewDeviceKey(DeviceKeyRow Key, string Token);

/// <summary>A partner's device keys changed (created, revoked, used): on their own topic, for the settings panel.</summary>
public sealed record DeviceKeysChanged(Guid PartnerId) : LiveEvent(Topics.DeviceKeys(PartnerId));

/// <summary>Authenticates scanning devices by their partner key (DESIGN §4).</summary>
public sealed class DeviceKeyService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time, SecurityLog securityLog)
{
    // A device sends many scans a second: remember valid keys briefly rather than hit the
    // database per request. Revocation clears the entry on this node at once (others: within the TTL).
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ScanSource? Source, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastUsedWritten = new();

    /// <summary>The partner a key belongs to, or null when it is unknown or revoked.</summary>
    public async Task<ScanSource?> AuthenticateAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(DeviceKey.TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }

        var hash = Secrets.Hash(token);
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var cached) || cached.Until < now)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.DeviceKeys.AsNoTracking()
                .Where(k => k.Hash == hash && k.RevokedAt == null)
                .Join(db.Partners, k => k.PartnerId, p => p.Id, (k, p) => new { k.Id, k.PartnerId, p.EventId })
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                // Unknown keys are not remembered: random keys must not grow the cache.
                return null;
            }

            cached = (new ScanSource(found.EventId, found.PartnerId, found.Id), now + CacheTtl);
            _cache[hash] = cached;
        }

        if (cached.Source is { DeviceKeyId: { } keyId })
        {
            await TouchAsync(cached.Source.PartnerId, keyId, now, ct);
        }

        return cached.Source;
    }

    /// <summary>The partner's keys, active and revoked, newest first.</summary>
    public async Task<DeviceKeyList> ListAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var zone = await db.EventTimeZoneIdAsync(partnerId, ct);
        var keys = await db.DeviceKeys.AsNoTracking().Where(k => k.PartnerId == partnerId).ToListAsync(ct);
        return new DeviceKeyList(
            zone ?? "UTC",
            [.. keys.OrderBy(k => k.RevokedAt is null ? 0 : 1).ThenByDescending(k => k.CreatedAt).Select(ToRow)]);
    }

    /// <summary>
    /// Creates a named key for a partner's scanning device (S-2.12). The name is required
    /// (<c>name</c> field error); a partner has at most <see cref="DeviceKey.MaxActivePerPartner"/>
    /// active keys (<c>too-many-keys</c> conflict).
    /// </summary>
    public Task<Result<NewDeviceKey>> IssueAsync(Guid partnerId, string? name, CancellationToken ct = default) =>
        IssueAsync(partnerId, name, null, ct);

    /// <inheritdoc cref="IssueAsync(Guid, string?, CancellationToken)"/>
    /// <param name="by">Who creates the key, for the security log (null: the application).</param>
    public async Task<Result<NewDeviceKey>> IssueAsync(Guid partnerId, string? name, Viewer? by, CancellationToken ct = default)
    {
        var clean = Text.Clean(name);
        if (clean is null)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["name"] = ["Name the device."] });
        }

        if (clean.Length > DeviceKey.NameMaxLength)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["name"] = [$"A name may have at most {DeviceKey.NameMaxLength} characters."] });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.DeviceKeys.CountAsync(k => k.PartnerId == partnerId && k.RevokedAt == null, ct) >= DeviceKey.MaxActivePerPartner)
        {
            return Error.Conflict("too-many-keys", $"A partner may have at most {DeviceKey.MaxActivePerPartner} active device keys. Revoke one first.");
        }

        var token = DeviceKey.NewToken();
        var key = new DeviceKey(partnerId, clean, token, time.GetUtcNow());
        db.DeviceKeys.Add(key);
        var eventId = await EventOfAsync(db, partnerId, ct);
        await securityLog.AddAsync(db, eventId, SecurityAction.DeviceKeyCreated, by, key.Name, partnerId, "…" + key.Hint, ct);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new DeviceKeysChanged(partnerId), ct);
        await securityLog.PublishAsync(eventId, ct);
        return Result<NewDeviceKey>.Ok(new NewDeviceKey(ToRow(key), token));
    }

    /// <summary>Creates a key for a partner; the token is returned once and never stored.</summary>
    public async Task<(DeviceKey Key, string Token)> CreateAsync(Guid partnerId, string name, CancellationToken ct = default)
    {
        var token = DeviceKey.NewToken();
        var key = new DeviceKey(partnerId, Text.Clean(name) ?? "Device", token, time.GetUtcNow());
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.DeviceKeys.Add(key);
        var eventId = await EventOfAsync(db, partnerId, ct);
        await securityLog.AddAsync(db, eventId, SecurityAction.DeviceKeyCreated, null, key.Name, partnerId, "…" + key.Hint, ct);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new DeviceKeysChanged(partnerId), ct);
        await securityLog.PublishAsync(eventId, ct);
        return (key, token);
    }

    public Task RevokeAsync(Guid partnerId, Guid keyId, CancellationToken ct = default) =>
        RevokeAsync(partnerId, keyId, null, ct);

    /// <param name="by">Who revokes the key, for the security log (null: the application).</param>
    public async Task RevokeAsync(Guid partnerId, Guid keyId, Viewer? by, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var revoked = await db.DeviceKeys.Where(k => k.Id == keyId && k.PartnerId == partnerId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        var eventId = await EventOfAsync(db, partnerId, ct);
        if (revoked > 0)
        {
            var key = await db.DeviceKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => new { k.Name, k.Hint }).FirstAsync(ct);
            await securityLog.AddAsync(db, eventId, SecurityAction.DeviceKeyRevoked, by, key.Name, partnerId, "…" + key.Hint, ct);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        foreach (var entry in _cache.Where(e => e.Value.Source?.DeviceKeyId == keyId).ToList())
        {
            _cache.TryRemove(entry.Key, out _);
        }

        if (revoked > 0)
        {
            await live.PublishAsync(new DeviceKeysChanged(partnerId), ct);
            await securityLog.PublishAsync(eventId, ct);
        }
    }

    private static Task<Guid?> EventOfAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct) =>
        db.Partners.Where(p => p.Id == partnerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct);

    private static DeviceKeyRow ToRow(DeviceKey k) => new(k.Id, k.Name, k.Hint, k.CreatedAt, k.LastUsedAt, k.RevokedAt);

    private async Task TouchAsync(Guid partnerId, Guid keyId, DateTimeOffset now, CancellationToken ct)
    {
        // "Last used" is shown to the minute; writing it per scan would cost a write per request.
        if (_lastUsedWritten.TryGetValue(keyId, out var written) && now - written < LastUsedResolution)
        {
            return;
        }

        _lastUsedWritten[keyId] = now;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.DeviceKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        await live.PublishAsync(new DeviceKeysChanged(partnerId), ct);
    }
}
