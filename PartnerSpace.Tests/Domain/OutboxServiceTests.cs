using PartnerSpace.Domain.Access;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-4.2")]
public sealed class OutboxServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task OrganizersReadOnlyTheirEventsMailNewestFirst()
    {
        var mine = await _db.AddEventAsync();
        var theirs = await _db.AddEventAsync();
        var organizer = await _db.AddOrganizerAsync(mine.Id, "org@show.example");
        await _db.AddPersonAsync(mine.Id, "first@example.org");
        await _db.AddPersonAsync(theirs.Id, "other@example.org");
        var links = _db.Links;
        await links.RequestAsync("first@example.org", null, new Uri("https://portal.example/"));
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        await _db.AddPersonAsync(mine.Id, "second@example.org");
        await links.RequestAsync("second@example.org", null, new Uri("https://portal.example/"));
        await links.RequestAsync("other@example.org", null, new Uri("https://portal.example/"));

        var outbox = await new OutboxService(_db.Factory).GetRecentAsync(organizer.Id);

        Assert.Equal(["second@example.org", "first@example.org"], outbox.Select(m => m.To));
        Assert.All(outbox, m => Assert.Equal("Europe/Paris", m.TimeZoneId));
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Queued, m.Status));
    }
}
