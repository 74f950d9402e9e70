using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Domain.Access;

/// <summary>The SMTP server the outbox sends through (configuration section <c>Smtp</c>); no host: nothing is sent.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> (a server on the same machine, tests).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "PartnerSpace <no-reply@partnerspace.example>";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Sends the outbox through SMTP with MailKit (issue 8): every <see cref="Period"/> or when woken, it
/// claims due messages one by one (an atomic update that sets <see cref="OutboxStatus.Sending"/>
/// and a lease), sends them, and marks each sent, or queued again after a growing back-off, or
/// failed after <see cref="OutboxMessage.MaxAttempts"/>.
/// <para>
/// What it guarantees across restarts. No message is lost: a message leaves Queued/Sending only
/// when the server accepted it (Sent) or after its last attempt (Failed), and a sender that dies
/// leaves its claims to expire after the lease, when another sender takes them. A stop of the
/// host sends each message once: the message on the wire is finished and marked before the
/// sender ends, and the ones claimed but not tried are given back at once. A crash (kill -9, power)
/// in the instant between the server's "250 accepted" and the commit of Sent cannot be told from
/// a crash before the server accepted, so that one message is sent again when its lease ends:
/// at least once, not exactly once, in that window only. It carries its outbox id as Message-Id
/// both times, so the receiving side can recognise the repeat.
/// </para>
/// </summary>
public sealed partial class OutboxSender(
    IDbContextFactory<PartnerSpaceDbContext> dbs,
    IOptions<SmtpOptions> options,
    ILiveEvents live,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    PartnerSpaceTelemetry? telemetry = null) : BackgroundService
{
    public const int BatchSize = 20;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How long one SMTP command may take; well inside <see cref="Lease"/>.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits after the 1st, 2nd… failed attempt of a message; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
    ];

    public static TimeSpan BackoffAfter(int attempts) => Backoff[Math.Clamp(attempts, 1, Backoff.Count) - 1];

    /// <summary>
    /// One round: sends what is due. Returns how many messages were sent. When <paramref name="ct"/>
    /// is cancelled (the host stops), the message on the wire is finished and marked, and the
    /// messages claimed but not yet tried are given back at once, so the next sender (this
    /// process restarted, or another node) sends them without waiting for the lease.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            return 0;
        }

        var claimed = await ClaimAsync(ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        var untried = claimed.Select(m => m.Id).ToHashSet();
        using var client = new SmtpClient { Timeout = (int)SendTimeout.TotalMilliseconds };
        try
        {
            string? connectError = null;
            try
            {
                await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                connectError = $"The mail server {smtp.Host}:{smtp.Port} could not be reached: {ex.Message}";
                LogConnectFailed(ex, smtp.Host!, smtp.Port);
            }

            foreach (var message in claimed)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                using var activity = PartnerSpaceTelemetry.Source.StartActivity("email.send");
                activity?.SetTag("partnerspace.outbox.id", message.Id);
                string? error = connectError;
                if (error is null)
                {
                    try
                    {
                        // Not the host's token: a message half-written when the host stops would be
                        // refused by the server and sent again; MailKit's timeout bounds the wait.
                        await client.SendAsync(Compose(message, smtp), CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or TimeoutException or MailKit.ServiceNotConnectedException)
                    {
                        error = $"The mail server refused it: {ex.Message}";
                    }
                }

                // From here the server has it (or refused it): it is no longer given back.
                untried.Remove(message.Id);
                await FinishAsync(message.Id, error);
                telemetry?.EmailTried(sent: error is null);
                if (error is not null)
                {
                    activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error);
                }

                if (error is null)
                {
                    sent++;
                }
            }

            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        finally
        {
            if (untried.Count > 0)
            {
                await ReleaseAsync(untried);
            }

            await live.PublishAsync(new OutboxChanged(null), CancellationToken.None);
        }

        return sent;
    }

    /// <summary>Builds the MIME message: text and HTML alternatives, the one attachment, the outbox id as Message-Id.</summary>
    public static MimeMessage Compose(OutboxMessage message, SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(smtp);
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@partnerspace" };
        mime.From.Add(MailboxAddress.Parse(smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.AttachmentFileName is { } name && message.AttachmentContent is { } content)
        {
            body.Attachments.Add(name, System.Text.Encoding.UTF8.GetBytes(content), ContentType.Parse(message.AttachmentContentType ?? "text/plain"));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            // No SMTP server: messages stay in the outbox screen, as before.
            return;
        }

        using var wake = new SemaphoreSlim(0, 1);
        using var subscription = live.Subscribe(Topics.Outbox, _ =>
        {
            if (wake.CurrentCount == 0)
            {
                try
                {
                    wake.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already woken.
                }
            }

            return Task.CompletedTask;
        });
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

                await wake.WaitAsync(Period, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var until = now + Lease;
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Queued && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                || (m.Status == OutboxStatus.Sending && m.ClaimedUntil < now))
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);

        // Each claim is one conditional update: of two senders, one gets the row.
        var claimed = new List<Guid>(candidates.Count);
        foreach (var id in candidates)
        {
            var rows = await db.Outbox
                .Where(m => m.Id == id
                    && ((m.Status == OutboxStatus.Queued && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                        || (m.Status == OutboxStatus.Sending && m.ClaimedUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (rows == 1)
            {
                claimed.Add(id);
            }
        }

        return await db.Outbox.AsNoTracking().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.CreatedAt).ToListAsync(ct);
    }

    /// <summary>
    /// Marks a message sent or refused. Never cancelled: a message the server accepted must be
    /// marked sent even when the host is stopping.
    /// </summary>
    private async Task FinishAsync(Guid id, string? error)
    {
        await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
        var message = await db.Outbox.FirstAsync(m => m.Id == id, CancellationToken.None);
        var now = time.GetUtcNow();
        if (error is null)
        {
            message.Delivered(now);
        }
        else
        {
            message.Refused(error, now + BackoffAfter(message.Attempts));
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Gives back claimed messages that were not tried: queued again, the attempt not counted.</summary>
    private async Task ReleaseAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
        await db.Outbox
            .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.Attempts, m => m.Attempts - 1), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server {Host}:{Port} could not be reached; the messages are retried later.")]
    private partial void LogConnectFailed(Exception exception, string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox round failed; the next one retries.")]
    private partial void LogRoundFailed(Exception exception);
}
