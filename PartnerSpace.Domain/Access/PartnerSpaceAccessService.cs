using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Access;

/// <summary>Which partners an action is for: those selected, one category, or all of the event.</summary>
public enum SpaceScope
{
    Selected,
    Category,
    All,
}

/// <summary>The partners an open, close or send is for.</summary>
public sealed record SpaceTarget(SpaceScope Scope, IReadOnlyCollection<Guid>? PartnerIds = null, string? Category = null)
{
    public static SpaceTarget Selected(params IEnumerable<Guid> partnerIds) => new(SpaceScope.Selected, [.. partnerIds]);

    public static SpaceTarget OfCategory(string category) => new(SpaceScope.Category, Category: category);

    public static readonly SpaceTarget All = new(SpaceScope.All);
}

/// <summary>A partner as the open and send actions list it.</summary>
public sealed record SpacePartner(Guid Id, string Name, string? Category, int Administrators, DateTimeOffset? OpenedAt);

/// <summary>A partner an action leaves out, and why (<see cref="Code"/>: <c>no-administrator</c>, <c>space-closed</c>).</summary>
public sealed record SpaceRefusal(Guid PartnerId, string PartnerName, string Code, string Reason);

/// <summary>What opening would do, for the confirmation: who opens, who is open already, who is refused.</summary>
public sealed record OpenPlan(IReadOnlyList<SpacePartner> ToOpen, IReadOnlyList<SpacePartner> AlreadyOpen, IReadOnlyList<SpaceRefusal> Refused)
{
    /// <summary>The access e-mails "send now" would queue: one per administrator of each partner to open.</summary>
    public int Emails => ToOpen.Sum(p => p.Administrators);
}

/// <summary>What an open did.</summary>
public sealed record OpenOutcome(IReadOnlyList<SpacePartner> Opened, IReadOnlyList<SpacePartner> AlreadyOpen, IReadOnlyList<SpaceRefusal> Refused, int EmailsQueued);

/// <summary>What a send did: the partners whose administrators got the e-mail, those left out.</summary>
public sealed record SendOutcome(IReadOnlyList<SpacePartner> Sent, IReadOnlyList<SpaceRefusal> Refused, int EmailsQueued);

/// <summary>Where an access e-mail is, as the organizer sees it per person.</summary>
public enum AccessEmailState
{
    /// <summary>In the outbox, waiting for (or being handed to) the mail server.</summary>
    Queued,

    /// <summary>Accepted by the mail server (<see cref="AccessEmailStatus.DeliveredAt"/>).</summary>
    Delivered,

    /// <summary>The mail server refused it too many times (<see cref="AccessEmailStatus.Error"/>).</summary>
    Failed,
}

/// <summary>The last access e-mail of one person for one partner.</summary>
public sealed record AccessEmailStatus(
    Guid OutboxMessageId,
    DateTimeOffset QueuedAt,
    bool Automatic,
    AccessEmailState State,
    DateTimeOffset? DeliveredAt,
    string? Error,
    int Attempts,
    DateTimeOffset? LinkUsedAt,
    DateTimeOffset LinkExpiresAt);

/// <summary>One member of a partner's team in the access view.</summary>
public sealed record MemberAccess(Guid MemberId, Guid PersonId, string FullName, string Email, MemberRole Role, DateTimeOffset? LastOpenedAt, int EmailsSent, AccessEmailStatus? LastEmail);

/// <summary>A partner's space and who of its team got the access e-mail (S-4.2).</summary>
public sealed record PartnerSpaceAccess(Guid PartnerId, Guid EventId, string PartnerName, string TimeZoneId, DateTimeOffset? OpenedAt, string? OpenedBy, IReadOnlyList<MemberAccess> Members)
{
    public bool IsOpen => OpenedAt is not null;

    public int Administrators => Members.Count(m => m.Role == MemberRole.Administrator);
}

/// <summary>Where links in e-mails point when the caller has no address of its own (a background job, a test).</summary>
public sealed class PortalOptions
{
    public const string Section = "PartnerSpace";

    /// <summary><c>PartnerSpace:PublicUrl</c>, e.g. <c>https://partners.example.com/</c>.</summary>
    public Uri PublicUrl { get; set; } = new("http://localhost:5000/");
}

/// <summary>
/// S-4: the organizer opens and closes partner spaces and sends the access e-mail with a sign-in
/// link to their administrators (S-4.2); a partner without an administrator cannot be opened
/// (S-4.1); people added to an opened space get the e-mail on their own (S-4.3, through
/// <see cref="MemberService"/> and <see cref="MemberImportService"/>). Each e-mail is recorded
/// (<see cref="AccessEmail"/>) so the organizer sees it queued, delivered, failed, used.
/// </summary>
public sealed class PartnerSpaceAccessService(
    IDbContextFactory<PartnerSpaceDbContext> dbs,
    EmailTemplateService templates,
    SecurityLog log,
    ILiveEvents live,
    IOptions<PortalOptions> portal,
    TimeProvider time)
{
    public const string NoAdministrator = "no-administrator";
    public const string SpaceClosed = "space-closed";

    private const string AutomaticDetails = "automatic: added to an opened space (S-4.3)";

    private static readonly Error NotOrganizer = Error.Forbidden("not-organizer", "You do not organize this event.");

    /// <summary>What opening <paramref name="target"/> would do, without doing it.</summary>
    public async Task<Result<OpenPlan>> PlanOpenAsync(Guid organizerId, Guid eventId, SpaceTarget target, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        return Result<OpenPlan>.Ok(Plan(await PartnersOfAsync(db, eventId, target, ct)));
    }

    /// <summary>
    /// Opens the spaces of <paramref name="target"/>: each partner without an administrator is
    /// refused (S-4.1) while the others open; those already open stay as they are. With
    /// <paramref name="sendEmail"/>, every administrator of each opened partner gets the access
    /// e-mail in the same transaction.
    /// </summary>
    public async Task<Result<OpenOutcome>> OpenAsync(
        Guid organizerId, Guid eventId, SpaceTarget target, bool sendEmail, Uri? portalUri, SecurityActor actor, RequestOrigin origin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        // S-4.1: the administrators are counted inside the write transaction that opens.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = Plan(await PartnersOfAsync(db, eventId, target, ct));
        var ids = plan.ToOpen.Select(p => p.Id).ToList();
        var partners = await db.Partners.Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var now = time.GetUtcNow();
        var emails = 0;
        foreach (var partner in partners)
        {
            partner.OpenSpace(now, actor.Name);
            log.Add(db, eventId, SecurityAction.SpaceOpened, actor, origin, partner.Name, partner.Id, sendEmail ? "with the access e-mail" : "without e-mail");
            if (sendEmail)
            {
                emails += await QueueAsync(db, partner, await AdministratorsAsync(db, partner.Id, ct), portalUri, automatic: false, actor, origin, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(eventId, emails > 0, ct);
        var opened = plan.ToOpen.Select(p => p with { OpenedAt = now }).ToList();
        return Result<OpenOutcome>.Ok(new OpenOutcome(opened, plan.AlreadyOpen, plan.Refused, emails));
    }

    /// <summary>Closes the spaces of <paramref name="target"/>: no more automatic e-mails (S-4.3); e-mails already sent stay valid.</summary>
    public async Task<Result<int>> CloseAsync(Guid organizerId, Guid eventId, SpaceTarget target, SecurityActor actor, RequestOrigin origin, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        var ids = (await PartnersOfAsync(db, eventId, target, ct)).Where(p => p.OpenedAt is not null).Select(p => p.Id).ToList();
        var partners = await db.Partners.Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        foreach (var partner in partners)
        {
            partner.CloseSpace();
            log.Add(db, eventId, SecurityAction.SpaceClosed, actor, origin, partner.Name, partner.Id);
        }

        await db.SaveChangesAsync(ct);
        await PublishAsync(eventId, outbox: false, ct);
        return Result<int>.Ok(partners.Count);
    }

    /// <summary>
    /// S-4.2: sends the access e-mail to every administrator of each partner of
    /// <paramref name="target"/> whose space is open; a closed space or one without an
    /// administrator is left out with its reason.
    /// </summary>
    public async Task<Result<SendOutcome>> SendAsync(Guid organizerId, Guid eventId, SpaceTarget target, Uri? portalUri, SecurityActor actor, RequestOrigin origin, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return NotOrganizer;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var candidates = await PartnersOfAsync(db, eventId, target, ct);
        var refused = new List<SpaceRefusal>();
        var sent = new List<SpacePartner>();
        var emails = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.OpenedAt is null)
            {
                refused.Add(new SpaceRefusal(candidate.Id, candidate.Name, SpaceClosed, $"The space of {candidate.Name} is closed: open it first."));
                continue;
            }

            if (candidate.Administrators == 0)
            {
                refused.Add(Refusal(candidate));
                continue;
            }

            var partner = await db.Partners.FirstAsync(p => p.Id == candidate.Id, ct);
            emails += await QueueAsync(db, partner, await AdministratorsAsync(db, partner.Id, ct), portalUri, automatic: false, actor, origin, ct);
            sent.Add(candidate);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(eventId, emails > 0, ct);
        return Result<SendOutcome>.Ok(new SendOutcome(sent, refused, emails));
    }

    /// <summary>Sends the access e-mail again to one administrator of an opened space (a new link; the old one stays valid until it expires).</summary>
    public async Task<Result<bool>> ResendAsync(Guid organizerId, Guid partnerId, Guid personId, Uri? portalUri, SecurityActor actor, RequestOrigin origin, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId, ct);
        if (partner is null || !await IsOrganizerAsync(db, organizerId, partner.EventId, ct))
        {
            return Error.NotFound("partner-not-found", "This partner does not exist (any more).");
        }

        if (!partner.IsSpaceOpen)
        {
            return Error.Conflict(SpaceClosed, "This partner's space is closed: open it first.");
        }

        var person = await db.PartnerMembers.Where(m => m.PartnerId == partnerId && m.PersonId == personId && m.Role == MemberRole.Administrator)
            .Select(m => m.Person!).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return Error.Conflict("not-administrator", "Only the partner's administrators get the access e-mail: this person is not one (any more).");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await QueueAsync(db, partner, [person], portalUri, automatic: false, actor, origin, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(partner.EventId, outbox: true, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>When the partner's space was opened; null while closed (the team screens say whether additions get the access e-mail).</summary>
    public async Task<DateTimeOffset?> GetOpenedAtAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Partners.Where(p => p.Id == partnerId).Select(p => p.SpaceOpenedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>A partner's space and, per member, their last access e-mail: queued, delivered, failed, link used.</summary>
    public async Task<Result<PartnerSpaceAccess>> GetAsync(Guid organizerId, Guid partnerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId && db.EventOrganizers.Any(o => o.UserId == organizerId && o.EventId == p.EventId))
            .Join(db.Events, p => p.EventId, e => e.Id, (p, e) => new { p.Id, p.EventId, p.Name, e.TimeZoneId, p.SpaceOpenedAt, p.SpaceOpenedBy })
            .FirstOrDefaultAsync(ct);
        if (partner is null)
        {
            return Error.NotFound("partner-not-found", "This partner does not exist (any more).");
        }

        var members = await db.PartnerMembers.AsNoTracking()
            .Where(m => m.PartnerId == partnerId)
            .Select(m => new { m.Id, m.PersonId, m.Person!.FirstName, m.Person.LastName, m.Person.Email, m.Role, m.LastOpenedAt })
            .ToListAsync(ct);
        var emails = await (
                from a in db.AccessEmails.AsNoTracking().Where(a => a.PartnerId == partnerId)
                join o in db.Outbox on a.OutboxMessageId equals o.Id into outbox
                from o in outbox.DefaultIfEmpty()
                join l in db.SignInLinks on a.SignInLinkId equals l.Id into links
                from l in links.DefaultIfEmpty()
                select new
                {
                    a.PersonId,
                    a.OutboxMessageId,
                    a.QueuedAt,
                    a.Automatic,
                    Status = o == null ? (OutboxStatus?)null : o.Status,
                    SentAt = o == null ? null : o.SentAt,
                    Error = o == null ? null : o.LastError,
                    Attempts = o == null ? 0 : o.Attempts,
                    UsedAt = l == null ? null : l.UsedAt,
                    ExpiresAt = l == null ? a.QueuedAt : l.ExpiresAt,
                })
            .ToListAsync(ct);
        var byPerson = emails.GroupBy(e => e.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.QueuedAt).ToList());

        var rows = members
            .OrderBy(m => m.Role == MemberRole.Administrator ? 0 : m.Role == MemberRole.SalesContact ? 1 : 2).ThenBy(m => m.LastName, StringComparer.CurrentCulture).ThenBy(m => m.FirstName, StringComparer.CurrentCulture)
            .Select(m =>
            {
                var sent = byPerson.GetValueOrDefault(m.PersonId) ?? [];
                var last = sent.FirstOrDefault();
                var status = last is null
                    ? null
                    : new AccessEmailStatus(
                        last.OutboxMessageId,
                        last.QueuedAt,
                        last.Automatic,
                        last.Status switch { OutboxStatus.Sent => AccessEmailState.Delivered, OutboxStatus.Failed => AccessEmailState.Failed, _ => AccessEmailState.Queued },
                        last.SentAt,
                        last.Error,
                        last.Attempts,
                        // Any of their access links counts as used: an older e-mail may be the one they opened.
                        sent.Max(e => e.UsedAt),
                        last.ExpiresAt);
                return new MemberAccess(m.Id, m.PersonId, $"{m.FirstName} {m.LastName}", m.Email, m.Role, m.LastOpenedAt, sent.Count, status);
            })
            .ToList();
        return Result<PartnerSpaceAccess>.Ok(new PartnerSpaceAccess(partner.Id, partner.EventId, partner.Name, partner.TimeZoneId, partner.SpaceOpenedAt, partner.SpaceOpenedBy, rows));
    }

    /// <summary>
    /// S-4.3: people just added to a partner's team (or made administrators), inside the caller's
    /// transaction: when the space is open, each new administrator gets the access e-mail, sent by
    /// nobody (<see cref="SecurityActor.System"/>). Sales contacts and registered attendees have no
    /// access to the partner space (they sign in to the attendee space): they get none.
    /// Returns the e-mails queued; call <see cref="AfterAddedAsync"/> after the commit when any.
    /// </summary>
    internal async Task<int> OnAddedAsync(PartnerSpaceDbContext db, Guid partnerId, IReadOnlyList<(Person Person, MemberRole Role)> added, Uri? portalUri, CancellationToken ct)
    {
        var administrators = added.Where(a => a.Role == MemberRole.Administrator).Select(a => a.Person).ToList();
        if (administrators.Count == 0)
        {
            return 0;
        }

        var partner = await db.Partners.FirstAsync(p => p.Id == partnerId, ct);
        return partner.IsSpaceOpen
            ? await QueueAsync(db, partner, administrators, portalUri, automatic: true, SecurityActor.System, RequestOrigin.Unknown, ct, AutomaticDetails)
            : 0;
    }

    /// <summary>Tells the outbox and the access views, after the commit of an <see cref="OnAddedAsync"/> that queued e-mails.</summary>
    internal async Task AfterAddedAsync(Guid partnerId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
        await PublishAsync(eventId, outbox: true, ct);
    }

    private async Task<int> QueueAsync(
        PartnerSpaceDbContext db, Partner partner, List<Person> people, Uri? portalUri, bool automatic, SecurityActor actor, RequestOrigin origin, CancellationToken ct, string? details = null)
    {
        if (people.Count == 0)
        {
            return 0;
        }

        var show = await db.Events.AsNoTracking().Where(e => e.Id == partner.EventId).Select(e => new { e.Name, e.TimeZoneId }).FirstAsync(ct);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(show.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var baseUri = portalUri ?? portal.Value.PublicUrl;
        var now = time.GetUtcNow();
        foreach (var person in people)
        {
            var token = Secrets.NewToken();
            var link = new SignInLink(person.Id, person.Email, Secrets.Hash(token), now, null, SignInLink.AccessLifetime);
            db.SignInLinks.Add(link);
            var culture = CultureInfo.GetCultureInfo(person.Language);
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["firstName"] = person.FirstName,
                ["eventName"] = show.Name.For(person.Language),
                ["partnerName"] = partner.Name,
                [EmailTemplateService.LinkPlaceholder] = new Uri(baseUri, $"{SignInLinkService.LinkPath}?token={Uri.EscapeDataString(token)}").ToString(),
                ["expires"] = TimeZoneInfo.ConvertTime(link.ExpiresAt, zone).ToString("f", culture),
            };
            var email = await templates.ComposeAsync(partner.EventId, EmailKind.Access, person.Language, values, ct);
            var message = new OutboxMessage(partner.EventId, person.Email, Clip(email.Subject, OutboxMessage.SubjectMaxLength), email.Text, email.Html, now);
            db.Outbox.Add(message);
            db.AccessEmails.Add(new AccessEmail(partner.EventId, partner.Id, person.Id, message.Id, link.Id, now, automatic));
            log.Add(db, partner.EventId, SecurityAction.AccessEmailSent, actor, origin, person.Email, partner.Id, details);
        }

        return people.Count;
    }

    private async Task PublishAsync(Guid eventId, bool outbox, CancellationToken ct)
    {
        if (outbox)
        {
            await live.PublishAsync(new OutboxChanged(eventId), ct);
        }

        await live.PublishAsync(new SpaceAccessChanged(eventId), ct);
    }

    private static OpenPlan Plan(IReadOnlyList<SpacePartner> partners) => new(
        [.. partners.Where(p => p.OpenedAt is null && p.Administrators > 0)],
        [.. partners.Where(p => p.OpenedAt is not null)],
        [.. partners.Where(p => p.OpenedAt is null && p.Administrators == 0).Select(Refusal)]);

    private static SpaceRefusal Refusal(SpacePartner partner) =>
        new(partner.Id, partner.Name, NoAdministrator, $"{partner.Name} has no administrator: add one to its team first (S-4.1).");

    private static async Task<List<SpacePartner>> PartnersOfAsync(PartnerSpaceDbContext db, Guid eventId, SpaceTarget target, CancellationToken ct)
    {
        var query = db.Partners.AsNoTracking().Where(p => p.EventId == eventId);
        if (target.Scope == SpaceScope.Selected)
        {
            var ids = target.PartnerIds?.ToList() ?? [];
            query = query.Where(p => ids.Contains(p.Id));
        }

        var partners = await query
            .OrderBy(p => p.Name)
            .Select(p => new SpacePartner(p.Id, p.Name, p.Category, db.PartnerMembers.Count(m => m.PartnerId == p.Id && m.Role == MemberRole.Administrator), p.SpaceOpenedAt))
            .ToListAsync(ct);

        // Categories are matched ignoring case, as the partners list groups them (PartnerCategories).
        return target.Scope == SpaceScope.Category
            ? [.. partners.Where(p => string.Equals(p.Category, Text.Clean(target.Category), StringComparison.OrdinalIgnoreCase))]
            : partners;
    }

    private static async Task<List<Person>> AdministratorsAsync(PartnerSpaceDbContext db, Guid partnerId, CancellationToken ct) =>
        await db.PartnerMembers.Where(m => m.PartnerId == partnerId && m.Role == MemberRole.Administrator).Select(m => m.Person!).ToListAsync(ct);

    private static async Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
