using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.12")]
public sealed class LeadFeedAndWebhookTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ScanSource _source = null!;
    private Guid _partnerId;
    private Guid _eventId;

    private LeadFeedService Feed => new(_db.Factory);

    private WebhookService Webhooks => _db.Webhooks;

    private WebhookDispatcher Dispatcher => new(_db.Factory, Feed, _db.WebhookClient, _db.Live, _db.Time, NullLogger<WebhookDispatcher>.Instance);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _eventId = ev.Id;
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        _source = new ScanSource(ev.Id, _partnerId, null);
        for (var i = 1; i <= 5; i++)
        {
            await _db.AddAttendeeAsync(ev.Id, $"B-00{i}", $"person{i}@example.com", $"First{i}", $"Last{i}");
        }
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task ScanAsync(params string[] badges) =>
        await _db.Scans.RecordAsync(_source, [.. badges.Select(b => new ScanInput(Guid.CreateVersion7().ToString(), b, _db.Time.GetUtcNow().AddMinutes(-1).ToString("O"), "staff@acme.example", null))]);

    [Fact]
    public async Task FeedReadsInSequenceOrderAfterTheCursorWithinTheLimit()
    {
        await ScanAsync("B-003", "B-001", "B-002");
        await ScanAsync("B-004");

        var first = (await Feed.ReadAsync(_partnerId, 0, 2)).Value!;
        Assert.Equal([1L, 2L], first.Items.Select(i => i.Sequence));
        Assert.Equal(2, first.Next);
        Assert.Equal("First3", first.Items[0].Person.FirstName);
        Assert.Equal(["scan"], first.Items[0].Sources);
        Assert.Equal(1, first.Items[0].Scans.Count);
        Assert.Equal("staff@acme.example", first.Items[0].Scans.LastScannedBy);

        var rest = (await Feed.ReadAsync(_partnerId, first.Next, 100)).Value!;
        Assert.Equal([3L, 4L], rest.Items.Select(i => i.Sequence));

        var empty = (await Feed.ReadAsync(_partnerId, rest.Next)).Value!;
        Assert.Empty(empty.Items);
        Assert.Equal(4, empty.Next);
    }

    [Theory]
    [InlineData(-1, 10, "after")]
    [InlineData(0, 0, "limit")]
    [InlineData(0, 1001, "limit")]
    public async Task FeedRefusesBadCursorOrLimit(long after, int limit, string field)
    {
        var result = await Feed.ReadAsync(_partnerId, after, limit);

        Assert.False(result.IsSuccess);
        Assert.True(result.Error!.Fields!.ContainsKey(field));
    }

    [Fact]
    public async Task FeedShowsOnlyThePartnersLeadsAndTheEmailOnlyWithConsent()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        await _db.Scans.RecordAsync(_source with { PartnerId = other.Id }, [new ScanInput(Guid.CreateVersion7().ToString(), "B-005", _db.Time.GetUtcNow().ToString("O"), "x@other.example", null)]);
        await ScanAsync("B-001", "B-002");
        var withdrawn = await _db.QueryAsync(db => db.Leads.Include(l => l.Person).SingleAsync(l => l.PartnerId == _partnerId && l.Sequence == 2));
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await LeadBook.WithdrawConsentAsync(db, _partnerId, withdrawn.PersonId, _db.Time.GetUtcNow());
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        var items = (await Feed.ReadAsync(_partnerId, 0)).Value!.Items;

        Assert.Equal(2, items.Count);
        Assert.Equal("person1@example.com", items[0].Person.Email);
        Assert.Equal("scannedBadge", items[0].Consent.Kind);
        Assert.NotNull(items[0].Consent.At);
        Assert.Null(items[1].Person.Email);
        Assert.Equal("First2", items[1].Person.FirstName);
        Assert.Equal("none", items[1].Consent.Kind);
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks", true)]
    [InlineData("http://localhost:5000/hook", true)]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("http://crm.example.com/hooks", false)]
    [InlineData("ftp://crm.example.com/", false)]
    [InlineData("crm.example.com", false)]
    [InlineData("https://user:pass@crm.example.com/", false)]
    [InlineData("", false)]
    public async Task WebhookUrlsMustBeHttpsOrLocal(string url, bool accepted)
    {
        var result = await Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", url));

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.True(result.Error!.Fields!.ContainsKey("url"));
        }
    }

    [Fact]
    public async Task NewWebhookStartsAfterExistingLeadsUnlessAskedAndShowsItsSecretOnce()
    {
        await ScanAsync("B-001", "B-002");

        var onlyNew = (await Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", "https://crm.example.com/a"))).Value!;
        var all = (await Webhooks.CreateAsync(_partnerId, new WebhookDraft("All", "https://crm.example.com/b", IncludeExisting: true))).Value!;

        Assert.StartsWith(WebhookService.SecretPrefix, onlyNew.Secret, StringComparison.Ordinal);
        Assert.NotEqual(onlyNew.Secret, all.Secret);
        Assert.Equal(2, onlyNew.Webhook.AfterSequence);
        Assert.Equal(0, all.Webhook.AfterSequence);
        Assert.Equal([0, 2], (await Webhooks.ListAsync(_partnerId)).Webhooks.Select(w => w.PendingLeads));
        Assert.False((await Webhooks.CreateAsync(_partnerId, new WebhookDraft(new string('x', 81), "https://crm.example.com/c"))).IsSuccess);
    }

    [Fact]
    public async Task DeliveriesAreSignedRetriedWithTheSameIdAndEachLeadArrivesOnce()
    {
        using var receiver = new WebhookReceiver(failFirst: 2);
        var created = (await Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", receiver.Url))).Value!;
        await ScanAsync("B-001", "B-002");

        // Fails twice: the same delivery comes again after each back-off, and the cursor waits.
        await Dispatcher.RunOnceAsync();
        var hook = await _db.QueryAsync(db => db.Webhooks.SingleAsync());
        Assert.Equal(1, hook.FailureCount);
        Assert.Equal(_db.Time.GetUtcNow() + WebhookDispatcher.BackoffAfter(1), hook.NextAttemptAt);
        Assert.Equal(0, await Dispatcher.RunOnceAsync()); // not due yet: nothing sent
        Assert.Single(receiver.Requests);

        _db.Time.Advance(TimeSpan.FromSeconds(10));
        await Dispatcher.RunOnceAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), WebhookDispatcher.BackoffAfter(2));
        await ScanAsync("B-003"); // a newer lead does not join the batch being retried
        _db.Time.Advance(TimeSpan.FromSeconds(30));
        await Dispatcher.RunOnceAsync();

        Assert.Equal(4, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Take(3).Select(r => r.DeliveryId).Distinct());
        Assert.NotEqual(receiver.Requests[0].DeliveryId, receiver.Requests[3].DeliveryId);
        Assert.Equal([1L, 2L, 3L], receiver.Delivered.Select(l => l.GetProperty("sequence").GetInt64()));

        // Signed with the secret shown once, checked with an independent HMAC.
        foreach (var request in receiver.Requests)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(created.Secret), Encoding.UTF8.GetBytes(request.Timestamp + "." + request.Body));
            Assert.Equal("sha256=" + Convert.ToHexString(mac).ToLowerInvariant(), request.Signature);
        }

        hook = await _db.QueryAsync(db => db.Webhooks.SingleAsync());
        Assert.Equal(3, hook.AfterSequence);
        Assert.Equal(0, hook.FailureCount);
        var log = await Webhooks.DeliveriesAsync(_partnerId, hook.Id);
        Assert.Equal(4, log.Count);
        Assert.Equal([1, 3, 2, 1], log.Select(d => d.Attempt));
        Assert.Equal([200, 200, 500, 500], log.Select(d => d.StatusCode ?? 0));
        Assert.Empty(await Webhooks.DeliveriesAsync(Guid.NewGuid(), hook.Id));
    }

    [Fact]
    public async Task AWebhookFailingForADayIsDisabled()
    {
        using var receiver = new WebhookReceiver(failFirst: int.MaxValue);
        await Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", receiver.Url, IncludeExisting: true));
        await ScanAsync("B-001");

        await Dispatcher.RunOnceAsync();
        for (var i = 0; i < 40 && await _db.QueryAsync(db => db.Webhooks.AnyAsync(w => w.DisabledAt == null)); i++)
        {
            _db.Time.Advance(TimeSpan.FromHours(1));
            await Dispatcher.RunOnceAsync();
        }

        var hook = await _db.QueryAsync(db => db.Webhooks.SingleAsync());
        Assert.False(hook.IsActive);
        Assert.Equal(0, hook.AfterSequence);
        Assert.True(WebhookService.ToView(hook).DisabledByFailures);
        Assert.Single(receiver.Requests.Select(r => r.DeliveryId).Distinct());
        Assert.Contains("disabled", (await Webhooks.DeliveriesAsync(_partnerId, hook.Id))[0].Error, StringComparison.Ordinal);

        var enabled = await Webhooks.SetActiveAsync(_partnerId, hook.Id, true);
        Assert.True(enabled.Value!.IsActive);
        Assert.Equal(0, enabled.Value.FailureCount);
    }

    [Fact]
    public async Task PausingARetryingWebhookIsNotADisableForFailures()
    {
        using var receiver = new WebhookReceiver(failFirst: int.MaxValue);
        var hook = (await Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", receiver.Url, IncludeExisting: true))).Value!.Webhook;
        await ScanAsync("B-001");
        await Dispatcher.RunOnceAsync();

        var paused = (await Webhooks.SetActiveAsync(_partnerId, hook.Id, false)).Value!;

        Assert.False(paused.IsActive);
        Assert.False(paused.DisabledByFailures);
        Assert.Equal(0, paused.FailureCount);
        Assert.Equal(1, (await Webhooks.ListAsync(_partnerId)).Webhooks.Single().PendingLeads);
    }

    [Fact]
    public async Task SendTestPostsATestPayloadAndLogsItWithoutMovingTheCursor()
    {
        using var receiver = new WebhookReceiver(failFirst: 0);
        var hook = (await Webhooks.CreateAsync(_partnerId, new WebhookDraft("CRM", receiver.Url))).Value!.Webhook;

        var sent = await Webhooks.SendTestAsync(_partnerId, hook.Id);

        Assert.True(sent.Value!.Succeeded);
        Assert.True(sent.Value.IsTest);
        Assert.Contains("\"test\":true", receiver.Requests.Single().Body, StringComparison.Ordinal);
        Assert.False((await Webhooks.SendTestAsync(Guid.NewGuid(), hook.Id)).IsSuccess);
        Assert.True(await Webhooks.DeleteAsync(_partnerId, hook.Id));
        Assert.Empty((await Webhooks.ListAsync(_partnerId)).Webhooks);
    }
}
