using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Domain.Leads;

/// <summary>
/// Sends each partner's new leads to its webhooks (DESIGN §6): woken by the partners' live events
/// and every <see cref="Period"/>, it posts up to <see cref="BatchSize"/> leads after each due
/// webhook's cursor. A 2xx moves the cursor; anything else is logged and the SAME delivery (id and
/// leads) is retried after a growing back-off, so each lead reaches a receiver that ignores repeated
/// delivery ids exactly once. After <see cref="FailureWindow"/> of failures the webhook is disabled.
/// </summary>
public sealed partial class WebhookDispatcher(
    IDbContextFactory<PartnerSpaceDbContext> dbs,
    LeadFeedService feed,
    WebhookClient client,
    ILiveEvents live,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger,
    PartnerSpaceTelemetry? telemetry = null) : BackgroundService
{
    public const int BatchSize = 100;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(24);

    /// <summary>Waits after the 1st, 2nd… failure in a row; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
    ];

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Dictionary<Guid, IDisposable> _listening = [];

    public static TimeSpan BackoffAfter(int failures) => Backoff[Math.Clamp(failures, 1, Backoff.Count) - 1];

    /// <summary>Asks for a round now (new leads, a webhook enabled).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    /// <summary>One round: every active, due webhook gets its pending leads. Returns how many deliveries succeeded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var active = await db.Webhooks.AsNoTracking().Where(w => w.DisabledAt == null)
            .Select(w => new { w.Id, w.PartnerId, w.NextAttemptAt }).ToListAsync(ct);
        Listen(active.Select(w => w.PartnerId).ToHashSet());

        var delivered = 0;
        foreach (var hook in active.Where(w => w.NextAttemptAt is null || w.NextAttemptAt <= now))
        {
            try
            {
                // Catch up batch after batch while the endpoint accepts them.
                while (await DeliverAsync(hook.Id, ct) is { Succeeded: true } sent)
                {
                    delivered++;
                    if (!sent.Full)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex, hook.Id);
            }
        }

        return delivered;
    }

    /// <summary>
    /// Sends the webhook's pending batch once: the failed batch again (same delivery id) when the
    /// last attempt failed, else the next leads after its cursor. Null when there was nothing to send.
    /// </summary>
    internal async Task<(bool Succeeded, bool Full)?> DeliverAsync(Guid webhookId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == webhookId && w.DisabledAt == null, ct);
        if (hook is null)
        {
            return null;
        }

        var retry = hook.FailureCount == 0
            ? null
            : await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.SubscriptionId == hook.Id && d.LeadCount > 0 && !d.Succeeded && d.ToSequence > hook.AfterSequence)
                .OrderByDescending(d => d.At).ThenByDescending(d => d.Id)
                .FirstOrDefaultAsync(ct);
        var limit = retry is null ? BatchSize : (int)Math.Clamp(retry.ToSequence - hook.AfterSequence, 1, LeadFeedService.MaxLimit);
        var page = (await feed.ReadAsync(hook.PartnerId, hook.AfterSequence, limit, ct)).Value!;
        if (page.Items.Count == 0)
        {
            return null;
        }

        var deliveryId = retry?.DeliveryId ?? Guid.CreateVersion7();
        var at = time.GetUtcNow();
        var body = WebhookClient.Serialize(new WebhookPayload(deliveryId, hook.PartnerId, page.Items));
        var attempt = await client.PostAsync(hook.Url, hook.Secret, deliveryId, body, ct);

        var delivery = new WebhookDelivery(hook.Id, deliveryId, (retry?.Attempt ?? 0) + 1, page.Items[0].Sequence, page.Next, page.Items.Count, at);
        var error = attempt.Error;
        var now = time.GetUtcNow();
        if (attempt.Succeeded)
        {
            hook.Delivered(page.Next, now);
        }
        else
        {
            telemetry?.WebhookFailed();
            var firstAttempt = retry is null
                ? at
                : await db.WebhookDeliveries.Where(d => d.SubscriptionId == hook.Id && d.DeliveryId == deliveryId).MinAsync(d => d.At, ct);
            hook.Failed(now + BackoffAfter(hook.FailureCount + 1));
            if (now - firstAttempt >= FailureWindow)
            {
                hook.Disable(now);
                error = $"{error} Failing for {FailureWindow.TotalHours:0} hours: the webhook was disabled.";
                LogDisabled(hook.Id, hook.PartnerId);
            }
        }

        delivery.Finish(attempt.StatusCode, attempt.Succeeded, error, attempt.Duration);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        await WebhookService.TrimLogAsync(db, hook.Id, ct);
        await live.PublishAsync(new WebhooksChanged(hook.PartnerId), ct);
        return (attempt.Succeeded, page.Items.Count == limit);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRoundFailed(ex);
                }

                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(Period);
                try
                {
                    await _wake.WaitAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The period elapsed.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    public override void Dispose()
    {
        lock (_listening)
        {
            foreach (var subscription in _listening.Values)
            {
                subscription.Dispose();
            }

            _listening.Clear();
        }

        _wake.Dispose();
        base.Dispose();
    }

    // Listens to the topics of partners with an active webhook: a new lead wakes a round at once.
    private void Listen(HashSet<Guid> partners)
    {
        lock (_listening)
        {
            foreach (var gone in _listening.Keys.Where(p => !partners.Contains(p)).ToList())
            {
                _listening[gone].Dispose();
                _listening.Remove(gone);
            }

            foreach (var partner in partners.Where(p => !_listening.ContainsKey(p)))
            {
                _listening[partner] = live.Subscribe(Topics.Partner(partner), _ =>
                {
                    Wake();
                    return Task.CompletedTask;
                });
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering webhook {WebhookId} failed; the next round retries.")]
    private partial void LogFailed(Exception exception, Guid webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} of partner {PartnerId} failed for too long and was disabled.")]
    private partial void LogDisabled(Guid webhookId, Guid partnerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook round failed; the next one retries.")]
    private partial void LogRoundFailed(Exception exception);
}
