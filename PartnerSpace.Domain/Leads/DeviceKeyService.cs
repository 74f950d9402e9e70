using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Leads;

/// <summary>Authenticates scanning devices by their partner key (DESIGN §4).</summary>
public sealed class DeviceKeyService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time)
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
            await TouchAsync(keyId, now, ct);
        }

        return cached.Source;
    }

    /// <summary>Creates a key for a partner; the token is returned once and never stored.</summary>
    public async Task<(DeviceKey Key, string Token)> CreateAsync(Guid partnerId, string name, CancellationToken ct = default)
    {
        var token = DeviceKey.NewToken();
        var key = new DeviceKey(partnerId, Text.Clean(name) ?? "Device", token, time.GetUtcNow());
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.DeviceKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, token);
    }

    public async Task RevokeAsync(Guid partnerId, Guid keyId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        await db.DeviceKeys.Where(k => k.Id == keyId && k.PartnerId == partnerId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        foreach (var entry in _cache.Where(e => e.Value.Source?.DeviceKeyId == keyId).ToList())
        {
            _cache.TryRemove(entry.Key, out _);
        }
    }

    private async Task TouchAsync(Guid keyId, DateTimeOffset now, CancellationToken ct)
    {
        // "Last used" is shown to the minute; writing it per scan would cost a write per request.
        if (_lastUsedWritten.TryGetValue(keyId, out var written) && now - written < LastUsedResolution)
        {
            return;
        }

        _lastUsedWritten[keyId] = now;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.DeviceKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
    }
}
