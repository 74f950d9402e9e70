using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// A partner's webhooks or their delivery log changed (settings, a delivery, a test). On its own
/// topic: a delivery per batch of leads must not reload every open leads screen of the partner.
/// </summary>
public sealed record WebhooksChanged(Guid PartnerId) : LiveEvent(Topics.Webhooks(PartnerId));

/// <summary>A webhook as the settings panel lists it.</summary>
/// <param name="DisabledByFailures">Disabled by the dispatcher after <see cref="WebhookDispatcher.FailureWindow"/> of failures.</param>
public sealed record WebhookView(
    Guid Id,
    string Name,
    string Url,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    bool DisabledByFailures,
    DateTimeOffset? LastSuccessAt,
    int FailureCount,
    DateTimeOffset? NextAttemptAt,
    long AfterSequence,
    int PendingLeads = 0);

/// <summary>A partner's webhooks, oldest first, with the event's time zone to show their times in.</summary>
/// <param name="LeadCount">The partner's leads so far: what "also send the existing leads" would send.</param>
public sealed record WebhookList(string TimeZoneId, int LeadCount, IReadOnlyList<WebhookView> Webhooks);

/// <summary>One line of a webhook's delivery log.</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    Guid DeliveryId,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    int DurationMs,
    int LeadCount,
    bool Succeeded,
    string? Error,
    bool IsTest);

/// <param name="IncludeExisting">Also send the leads collected before the webhook was added.</param>
public sealed record WebhookDraft(string? Name, string? Url, bool IncludeExisting = false);

/// <summary>A new webhook and its signing secret, shown once.</summary>
public sealed record WebhookCreated(WebhookView Webhook, string Secret);

/// <summary>
/// A partner's CRM webhooks (DESIGN §6): add one (its secret is shown once), list, disable,
/// enable, delete, send a test, and read the delivery log. Callers have checked that the user
/// manages this partner's leads; every method is scoped to <c>partnerId</c>.
/// </summary>
public sealed class WebhookService(IDbContextFactory<PartnerSpaceDbContext> dbs, WebhookClient client, ILiveEvents live, TimeProvider time, SecurityLog securityLog)
{
    public const string SecretPrefix = "whsec_";
    public const int MaxPerPartner = 10;

    /// <summary>Delivery log lines kept (and shown) per webhook.</summary>
    public const int LogSize = 50;

    /// <summary>The partner's webhooks, each with how many leads wait for it (its cursor to the partner's last lead).</summary>
    public async Task<WebhookList> ListAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var zone = await db.EventTimeZoneIdAsync(partnerId, ct);
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.PartnerId == partnerId).OrderBy(w => w.CreatedAt).ToListAsync(ct);
        var views = new List<WebhookView>(hooks.Count);
        foreach (var hook in hooks)
        {
            // Sequences have no gaps per partner, but a count stays right if one ever had.
            var pending = await db.Leads.CountAsync(l => l.PartnerId == partnerId && l.Sequence > hook.AfterSequence, ct);
            views.Add(ToView(hook) with { PendingLeads = pending });
        }

        var leads = await db.Leads.CountAsync(l => l.PartnerId == partnerId, ct);
        return new WebhookList(zone ?? "UTC", leads, views);
    }

    /// <summary>Adds a webhook. Field errors name <c>name</c> or <c>url</c>.</summary>
    public Task<Result<WebhookCreated>> CreateAsync(Guid partnerId, WebhookDraft draft, CancellationToken ct = default) =>
        CreateAsync(partnerId, draft, null, ct);

    /// <summary>Adds a webhook; its secret is a credential, so the creation is in the security log. Field errors name <c>name</c> or <c>url</c>.</summary>
    /// <param name="by">Who adds it (null: the application).</param>
    public async Task<Result<WebhookCreated>> CreateAsync(Guid partnerId, WebhookDraft draft, Viewer? by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string[]>();
        var name = Text.Clean(draft.Name);
        if (name is null)
        {
            errors["name"] = ["Give the webhook a name."];
        }
        else if (name.Length > WebhookSubscription.NameMaxLength)
        {
            errors["name"] = [$"The name may have at most {WebhookSubscription.NameMaxLength} characters."];
        }

        var url = Text.Clean(draft.Url);
        if (CheckUrl(url) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Webhooks.CountAsync(w => w.PartnerId == partnerId, ct) >= MaxPerPartner)
        {
            errors["name"] = [$"A partner may have at most {MaxPerPartner} webhooks."];
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => (Guid?)p.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null)
        {
            return Error.NotFound("partner-not-found", "This partner does not exist.");
        }

        // Only new leads unless the partner asks for the existing ones too.
        var after = draft.IncludeExisting
            ? 0
            : await db.Leads.Where(l => l.PartnerId == partnerId).MaxAsync(l => (long?)l.Sequence, ct) ?? 0;
        var secret = SecretPrefix + Secrets.NewToken(24);
        var hook = new WebhookSubscription(partnerId, name!, url!, secret, after, time.GetUtcNow());
        db.Webhooks.Add(hook);
        await securityLog.AddAsync(db, eventId, SecurityAction.WebhookCreated, by, hook.Name, partnerId, HostOf(hook.Url), ct);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new WebhooksChanged(partnerId), ct);
        await securityLog.PublishAsync(eventId, ct);
        return Result<WebhookCreated>.Ok(new WebhookCreated(ToView(hook), secret));
    }

    /// <summary>Pauses or resumes deliveries; resuming clears the failures, so the dispatcher's next round (within <see cref="WebhookDispatcher.Period"/>) sends.</summary>
    public async Task<Result<WebhookView>> SetActiveAsync(Guid partnerId, Guid webhookId, bool active, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == webhookId && w.PartnerId == partnerId, ct);
        if (hook is null)
        {
            return NotFound();
        }

        if (active)
        {
            hook.Enable();
        }
        else
        {
            hook.Pause(time.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new WebhooksChanged(partnerId), ct);
        return Result<WebhookView>.Ok(ToView(hook));
    }

    /// <summary>Deletes a webhook and its delivery log.</summary>
    public Task<bool> DeleteAsync(Guid partnerId, Guid webhookId, CancellationToken ct = default) =>
        DeleteAsync(partnerId, webhookId, null, ct);

    /// <summary>Deletes a webhook and its delivery log, in the security log as <paramref name="by"/>'s (null: the application).</summary>
    public async Task<bool> DeleteAsync(Guid partnerId, Guid webhookId, Viewer? by, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hook = await db.Webhooks.AsNoTracking().Where(w => w.Id == webhookId && w.PartnerId == partnerId)
            .Select(w => new { w.Name, w.Url, EventId = db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).First() }).FirstOrDefaultAsync(ct);
        var deleted = await db.Webhooks.Where(w => w.Id == webhookId && w.PartnerId == partnerId).ExecuteDeleteAsync(ct);
        if (deleted > 0 && hook is not null)
        {
            await securityLog.AddAsync(db, hook.EventId, SecurityAction.WebhookDeleted, by, hook.Name, partnerId, HostOf(hook.Url), ct);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (deleted > 0)
        {
            await live.PublishAsync(new WebhooksChanged(partnerId), ct);
            await securityLog.PublishAsync(hook?.EventId, ct);
        }

        return deleted > 0;
    }

    /// <summary>Posts a signed <c>test: true</c> payload without leads and logs the answer; the cursor does not move.</summary>
    public async Task<Result<WebhookDeliveryView>> SendTestAsync(Guid partnerId, Guid webhookId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == webhookId && w.PartnerId == partnerId, ct);
        if (hook is null)
        {
            return NotFound();
        }

        var deliveryId = Guid.CreateVersion7();
        var at = time.GetUtcNow();
        var attempt = await client.PostAsync(hook.Url, hook.Secret, deliveryId, WebhookClient.Serialize(new WebhookPayload(deliveryId, partnerId, [], Test: true)), ct);
        var delivery = new WebhookDelivery(hook.Id, deliveryId, 1, 0, 0, 0, at);
        delivery.Finish(attempt.StatusCode, attempt.Succeeded, attempt.Error, attempt.Duration);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        await TrimLogAsync(db, hook.Id, ct);
        await live.PublishAsync(new WebhooksChanged(partnerId), ct);
        return Result<WebhookDeliveryView>.Ok(ToView(delivery));
    }

    /// <summary>The last <see cref="LogSize"/> attempts, newest first; empty when the webhook is not the partner's.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(Guid partnerId, Guid webhookId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == webhookId && db.Webhooks.Any(w => w.Id == webhookId && w.PartnerId == partnerId))
            .OrderByDescending(d => d.At).ThenByDescending(d => d.Id)
            .Take(LogSize)
            .ToListAsync(ct);
        return [.. deliveries.Select(ToView)];
    }

    /// <summary>Null when the address may receive webhooks: https, or http to this machine for development.</summary>
    public static string? CheckUrl(string? url)
    {
        if (url is null)
        {
            return "Enter the address that receives the leads.";
        }

        if (url.Length > WebhookSubscription.UrlMaxLength)
        {
            return $"The address may have at most {WebhookSubscription.UrlMaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.UserInfo.Length > 0)
        {
            return "Enter a full address, such as https://crm.example.com/hooks/leads.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            ? null
            : "The address must start with https:// (http:// only for localhost).";
    }

    internal static async Task TrimLogAsync(PartnerSpaceDbContext db, Guid webhookId, CancellationToken ct)
    {
        var keepFrom = await db.WebhookDeliveries.Where(d => d.SubscriptionId == webhookId)
            .OrderByDescending(d => d.At).ThenByDescending(d => d.Id)
            .Skip(LogSize - 1)
            .Select(d => (DateTimeOffset?)d.At)
            .FirstOrDefaultAsync(ct);
        if (keepFrom is { } oldest)
        {
            await db.WebhookDeliveries.Where(d => d.SubscriptionId == webhookId && d.At < oldest).ExecuteDeleteAsync(ct);
        }
    }

    internal static WebhookView ToView(WebhookSubscription w) => new(
        w.Id, w.Name, w.Url, w.IsActive, w.CreatedAt, w.DisabledAt, !w.IsActive && w.FailureCount > 0, w.LastSuccessAt, w.FailureCount, w.NextAttemptAt, w.AfterSequence);

    private static WebhookDeliveryView ToView(WebhookDelivery d) => new(
        d.Id, d.DeliveryId, d.Attempt, d.At, d.StatusCode, d.DurationMs, d.LeadCount, d.Succeeded, d.Error, d.LeadCount == 0 && d.ToSequence == 0);

    private static Error NotFound() => Error.NotFound("webhook-not-found", "This webhook does not exist.");

    // Only the host in the security log: a receiver's path or query often is a secret of its own.
    private static string? HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
