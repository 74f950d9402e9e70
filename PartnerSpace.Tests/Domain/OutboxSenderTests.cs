using System.Text.RegularExpressions;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Access;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The outbox sent through a real SMTP server (Debian's aiosmtpd), issue 8 item 2.</summary>
[Trait("Spec", "S-4.2")]
public sealed partial class OutboxSenderTests : IAsyncLifetime
{
    private static readonly Uri BaseUri = new("https://portal.example/");
    private readonly TestDatabase _db = new();
    private readonly SmtpServer _smtp = new();
    private Guid _organizerId;

    private OutboxSender Sender => new(
        _db.Factory,
        Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, Security = SecureSocketOptions.None, From = "PartnerSpace <no-reply@partnerspace.example>" }),
        _db.Live,
        _db.Time,
        NullLogger<OutboxSender>.Instance);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var eventId = (await _db.AddEventAsync()).Id;
        await _db.AddPersonAsync(eventId, "ada@acme.example");
        _organizerId = (await _db.AddOrganizerAsync(eventId, "nadia@organizer.example")).Id;
    }

    public async Task DisposeAsync()
    {
        _smtp.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TheSignInEmailArrivesAndItsLinkSignsInOnce()
    {
        _smtp.Start();
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);

        var count = await Sender.RunOnceAsync();
        Assert.True(count == 1, (await _db.QueryAsync(db => db.Outbox.SingleAsync())).LastError);

        var mail = Assert.Single(_smtp.Messages());
        Assert.Equal("ada@acme.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal("no-reply@partnerspace.example", mail.From.Mailboxes.Single().Address);
        var stored = await _db.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.Equal($"{stored.Id:N}@partnerspace", mail.MessageId);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.NotNull(mail.HtmlBody);

        var token = Uri.UnescapeDataString(TokenInLink().Match(mail.TextBody ?? "").Groups[1].Value);
        Assert.True((await _db.Links.ConsumeAsync(token)).IsSuccess);
        Assert.False((await _db.Links.ConsumeAsync(token)).IsSuccess);
        Assert.Equal(0, await Sender.RunOnceAsync()); // nothing sent twice
        Assert.Single(_smtp.Messages());
    }

    [Fact]
    public async Task AServerThatIsDownGetsTheMessageLaterAndOnlyOnce()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);

        Assert.Equal(0, await Sender.RunOnceAsync());
        var waiting = await _db.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync());
        Assert.Equal((OutboxStatus.Queued, 1), (waiting.Status, waiting.Attempts));
        Assert.Equal(_db.Time.GetUtcNow() + OutboxSender.BackoffAfter(1), waiting.NextAttemptAt);
        Assert.Contains("could not be reached", waiting.LastError, StringComparison.Ordinal);
        var shown = Assert.Single(await new OutboxService(_db.Factory).GetRecentAsync(_organizerId));
        Assert.Equal((1, waiting.LastError, waiting.NextAttemptAt), (shown.Attempts, shown.LastError, shown.NextAttemptAt));

        _smtp.Start();
        Assert.Equal(0, await Sender.RunOnceAsync()); // not due yet
        _db.Time.Advance(OutboxSender.BackoffAfter(1));
        Assert.Equal(1, await Sender.RunOnceAsync());
        Assert.Equal(0, await Sender.RunOnceAsync());

        Assert.Single(_smtp.Messages());
        var sent = await _db.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync());
        Assert.Equal((OutboxStatus.Sent, 2, null), (sent.Status, sent.Attempts, sent.LastError));
    }

    [Fact]
    public async Task AMessageLeftSendingByACrashedSenderIsSentWhenItsLeaseEnds()
    {
        _smtp.Start();
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var id = await _db.QueryAsync(db => db.Outbox.Select(m => m.Id).SingleAsync());
        var until = _db.Time.GetUtcNow() + OutboxSender.Lease;
        await _db.QueryAsync(db => db.Outbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, 1)));

        Assert.Equal(0, await Sender.RunOnceAsync()); // another sender holds it
        _db.Time.Advance(OutboxSender.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Sender.RunOnceAsync());

        Assert.Single(_smtp.Messages());
    }

    [Fact]
    public async Task WithoutAnSmtpServerConfiguredTheOutboxKeepsItsMessages()
    {
        await _db.Links.RequestAsync("ada@acme.example", null, BaseUri);
        var sender = new OutboxSender(_db.Factory, Options.Create(new SmtpOptions()), _db.Live, _db.Time, NullLogger<OutboxSender>.Instance);

        Assert.Equal(0, await sender.RunOnceAsync());

        var kept = await _db.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync());
        Assert.Equal((OutboxStatus.Queued, 0), (kept.Status, kept.Attempts));
    }

    [Fact]
    [Trait("Spec", "S-4")]
    public async Task ASenderStoppedWhileSendingAndANewOneOnTheSameDatabaseDeliverEveryMessageExactlyOnce()
    {
        _smtp.Start();
        const int count = 100;
        var now = _db.Time.GetUtcNow();
        await _db.QueryAsync(db =>
        {
            db.Outbox.AddRange(Enumerable.Range(0, count).Select(i =>
                new OutboxMessage(null, $"person{i}@acme.example", $"Message {i}", $"Text {i}", $"<p>Text {i}</p>", now.AddTicks(i))));
            return db.SaveChangesAsync();
        });
        var ids = (await _db.QueryAsync(db => db.Outbox.Select(m => m.Id).ToListAsync())).Select(id => $"{id:N}@partnerspace").ToHashSet();

        // The first sender runs as a hosted service and is stopped as soon as the server has some.
        var first = Sender;
        await first.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => _smtp.Messages().Count > 0);
        await first.StopAsync(CancellationToken.None);
        first.Dispose();

        var afterStop = await _db.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        var sentBefore = afterStop.Count(m => m.Status == OutboxStatus.Sent);
        Assert.InRange(sentBefore, 1, count - 1); // really stopped mid-way
        Assert.DoesNotContain(afterStop, m => m.Status == OutboxStatus.Sending); // nothing left waiting for a lease
        Assert.Equal(sentBefore, _smtp.Messages().Count); // what the server has is marked sent, and only that

        // A new sender on the same database sends the rest.
        var second = Sender;
        await second.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await _db.QueryAsync(db => db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent)) == count);
        await second.StopAsync(CancellationToken.None);
        second.Dispose();

        var received = _smtp.Messages().Select(m => m.MessageId ?? "").ToList();
        Assert.Equal(count, received.Count); // none twice
        Assert.True(ids.SetEquals(received)); // none lost
        Assert.All(await _db.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync()), m => Assert.Equal(1, m.Attempts));
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the outbox.");
            await Task.Delay(5);
        }
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex TokenInLink();
}
