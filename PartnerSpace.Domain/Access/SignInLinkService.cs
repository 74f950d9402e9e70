using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Access;

/// <summary>The person a sign-in link signs in.</summary>
public sealed record SignedInPerson(Guid PersonId, Guid EventId, string Email, string FullName, string Language)
{
    /// <summary>The person's security stamp when they signed in; the cookie keeps it (issue 8).</summary>
    public string SecurityStamp { get; init; } = "";
}

/// <summary>
/// Sign-in links for partner members and attendees (DESIGN §4): random token, stored hashed,
/// single use, 15 minutes, at most <see cref="MaxLinksPerAddress"/> per address per lifetime.
/// </summary>
public sealed class SignInLinkService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const int MaxLinksPerAddress = 5;
    public const string LinkPath = "/sign-in/link";

    /// <summary>
    /// Sends a link to every person of that address. Answers the same whether or not the address
    /// is known, so the page reveals no accounts; only a malformed address is an error.
    /// </summary>
    public async Task<Result<bool>> RequestAsync(string? email, string? requestedFrom, Uri baseUri, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var address = Text.NormalizeEmail(email);
        if (address is null)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["email"] = ["Enter a valid e-mail address."] });
        }

        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var people = await db.People.AsNoTracking().Where(p => p.Email == address).ToListAsync(ct);
        if (people.Count == 0)
        {
            return Result<bool>.Ok(true);
        }

        // Only the links people asked for count: the organizer's access e-mails (7-day links) must
        // not use up the requests of the person they were sent to.
        var since = now - SignInLink.Lifetime;
        var latestExpiry = now + SignInLink.Lifetime;
        var recent = await db.SignInLinks.CountAsync(l => l.Email == address && l.CreatedAt > since && l.ExpiresAt <= latestExpiry, ct);
        if (recent >= MaxLinksPerAddress)
        {
            return Result<bool>.Ok(true);
        }

        // A person's address may be known in several events, each with its own texts.
        var templates = new Dictionary<Guid, (EmailTemplateSet Texts, LocalizedText EventName)>();
        foreach (var eventId in people.Select(p => p.EventId).Distinct())
        {
            var name = (await db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct)).Name;
            templates[eventId] = (await EmailTemplateService.LoadAsync(db, eventId, EmailKind.SignIn, ct), name);
        }

        foreach (var person in people)
        {
            var token = Secrets.NewToken();
            db.SignInLinks.Add(new SignInLink(person.Id, address, Secrets.Hash(token), now, requestedFrom));
            var (texts, eventName) = templates[person.EventId];
            db.Outbox.Add(ComposeEmail(texts, person, eventName, new Uri(baseUri, $"{LinkPath}?token={Uri.EscapeDataString(token)}"), now));
        }

        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new OutboxChanged(people[0].EventId), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Whether a token can still be used, without using it (the confirmation page).</summary>
    public async Task<bool> IsUsableAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return false;
        }

        var hash = Secrets.Hash(token);
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.SignInLinks.AnyAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, ct);
    }

    /// <summary>Uses a link once: a second use, an expired or an unknown token fail alike.</summary>
    public async Task<Result<SignedInPerson>> ConsumeAsync(string? token, CancellationToken ct = default)
    {
        var invalid = Error.NotFound("link-invalid", "This sign-in link is invalid, expired or already used. Ask for a new one.");
        if (string.IsNullOrWhiteSpace(token))
        {
            return invalid;
        }

        var hash = Secrets.Hash(token);
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);

        // Single use under concurrency: only the update that finds UsedAt still empty wins.
        var used = await db.SignInLinks
            .Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (used != 1)
        {
            return invalid;
        }

        var person = await db.SignInLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash)
            .Join(db.People, l => l.PersonId, p => p.Id, (l, p) => p)
            .FirstAsync(ct);

        // S-4.2: the organizer's access view shows when an access e-mail's link was used.
        await live.PublishAsync(new SpaceAccessChanged(person.EventId), ct);
        return Result<SignedInPerson>.Ok(new SignedInPerson(person.Id, person.EventId, person.Email, person.FullName, person.Language) { SecurityStamp = person.SecurityStamp });
    }

    private static OutboxMessage ComposeEmail(EmailTemplateSet templates, Person person, LocalizedText eventName, Uri link, DateTimeOffset now) =>
        templates.Compose(person.Language, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["firstName"] = person.FirstName,
            ["eventName"] = eventName.For(person.Language),
            [EmailTemplateService.LinkPlaceholder] = link.ToString(),
            ["minutes"] = ((int)SignInLink.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        }).ToOutbox(person.EventId, person.Email, now);
}
