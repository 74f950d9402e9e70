using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

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
/// failed after <see cref="OutboxMessage.MaxAttempts"/>. A sender that dies mid-way leaves leased
/// messages that are taken again when the lease ends; each carries its outbox id as Message-Id, so
/// a server that did accept it before the crash can recognise the repeat.
/// </summary>
public sealed partial class OutboxSender(
    IDbContextFactory<PartnerSpaceDbContext> dbs,
    IOptions<SmtpOptions> options,
    ILiveEvents live,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    public const int BatchSize = 20;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Waits after the 1st, 2nd… failed attempt of a message; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
    ];

    public static TimeSpan BackoffAfter(int attempts) => Backoff[Math.Clamp(attempts, 1, Backoff.Count) - 1];

    /// <summary>One round: sends what is due. Returns how many messages were sent.</summary>
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
        using var client = new SmtpClient();
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
            string? error = connectError;
            if (error is null)
            {
                try
                {
                    await client.SendAsync(Compose(message, smtp), ct);
                }
                catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or MailKit.ServiceNotConnectedException)
                {
                    error = $"The mail server refused it: {ex.Message}";
                }
            }

            await FinishAsync(message.Id, error, ct);
            if (error is null)
            {
                sent++;
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }

        await live.PublishAsync(new OutboxChanged(null), ct);
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

    private async Task FinishAsync(Guid id, string? error, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var message = await db.Outbox.FirstAsync(m => m.Id == id, ct);
        var now = time.GetUtcNow();
        if (error is null)
        {
            message.Delivered(now);
        }
        else
        {
            message.Refused(error, now + BackoffAfter(message.Attempts));
        }

        // Not cancelled: a message sent must be marked sent even when the host is stopping.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server {Host}:{Port} could not be reached; the messages are retried later.")]
    private partial void LogConnectFailed(Exception exception, string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox round failed; the next one retries.")]
    private partial void LogRoundFailed(Exception exception);
}
