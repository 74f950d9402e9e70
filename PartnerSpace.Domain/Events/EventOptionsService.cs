using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Events;

/// <summary>An event's options as loaded, with the version to send back.</summary>
public sealed record EventOptionsState(EventOptionValues Values, int Version);

/// <summary>Reads and saves an event's options (S-1.5, S-1.6, S-1.8), recorded in the history.</summary>
public sealed class EventOptionsService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const string HistoryArea = "options";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<EventOptionsState> GetAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var options = await db.EventOptions.AsNoTracking().FirstOrDefaultAsync(o => o.EventId == eventId, ct);
        return options is null ? new EventOptionsState(EventOptionValues.Default, 0) : new EventOptionsState(options.Values, options.Version);
    }

    /// <summary>Saves the options; a draft loaded before someone else's save is refused.</summary>
    public async Task<Result<EventOptionsState>> SaveAsync(Guid eventId, EventOptionsState draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (draft.Values.MeetingRequestExpiryHours is < EventOptionValues.MinRequestExpiryHours or > EventOptionValues.MaxRequestExpiryHours)
        {
            return Error.Validation(new Dictionary<string, string[]>
            {
                [nameof(EventOptionValues.MeetingRequestExpiryHours)] = [$"Between {EventOptionValues.MinRequestExpiryHours} and {EventOptionValues.MaxRequestExpiryHours} hours."],
            });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var options = await db.EventOptions.FirstOrDefaultAsync(o => o.EventId == eventId, ct);
        if (options is null)
        {
            options = new EventOptions(eventId);
            db.EventOptions.Add(options);
        }

        if (options.Version != draft.Version)
        {
            return Error.Conflict("changed", "Someone else changed these options meanwhile.");
        }

        var before = options.Values;
        var after = draft.Values.Normalized();
        options.Apply(after);
        db.History.Add(new ChangeRecord(eventId, HistoryArea, Summarize(before, after), JsonSerializer.Serialize(before, Json), JsonSerializer.Serialize(after, Json), actor, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await live.PublishAsync(new OptionsChanged(eventId), ct);
        return Result<EventOptionsState>.Ok(new EventOptionsState(options.Values, options.Version));
    }

    /// <summary>Puts the options back as they were before a recorded change (itself recorded).</summary>
    public async Task<Result<EventOptionsState>> UndoAsync(Guid eventId, HistoryEntry change, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = JsonSerializer.Deserialize<EventOptionValues>(change.Before, Json)
            ?? throw new InvalidOperationException($"History entry {change.Id} has no options snapshot.");
        var current = await GetAsync(eventId, ct);
        return await SaveAsync(eventId, current with { Values = before }, actor, ct);
    }

    private static string Summarize(EventOptionValues before, EventOptionValues after)
    {
        var changed = typeof(EventOptionValues).GetProperties()
            .Where(p => p.CanWrite && !Equals(p.GetValue(before), p.GetValue(after)))
            .Select(p => p.GetValue(after) switch
            {
                bool on => $"{p.Name} {(on ? "on" : "off")}",
                var value => $"{p.Name} {value}",
            })
            .ToList();
        return changed.Count == 0 ? "no change" : string.Join(", ", changed);
    }
}
