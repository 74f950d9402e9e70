using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Home;

/// <summary>The partners' Home page as the organizer configured it, with the version a save sends back.</summary>
public sealed record HomeDashboardState(IReadOnlyList<HomeElement> Elements, IReadOnlyList<HomeContact> Contacts, int Version);

/// <summary>
/// S-2.1: the organizer chooses the Home page's elements and the organizer team's contacts; one
/// document per event, saved whole and guarded by its version (ADR 0006).
/// </summary>
public sealed class HomeDashboardService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live)
{
    /// <summary>The event's dashboard; a new event's shows every element and no contact.</summary>
    public async Task<HomeDashboardState> GetAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.HomeDashboards.AsNoTracking().FirstOrDefaultAsync(d => d.EventId == eventId, ct);
        return stored is null ? new HomeDashboardState(HomeDashboard.DefaultElements, [], 0) : new HomeDashboardState(stored.Elements, stored.Contacts, stored.Version);
    }

    /// <summary>Saves the dashboard for an organizer of the event; a stale version is a conflict and writes nothing.</summary>
    public async Task<Result<HomeDashboardState>> SaveAsync(Guid organizerId, Guid eventId, HomeDashboardState draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (contacts, errors) = Validate(draft);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct))
        {
            return Error.Forbidden("not-organizer", "You do not organize this event.");
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.HomeDashboards.FirstOrDefaultAsync(d => d.EventId == eventId, ct);
        if ((stored?.Version ?? 0) != draft.Version)
        {
            return Error.Conflict("changed", "Someone else saved the Home page meanwhile. Your changes are still here: reload to see theirs.");
        }

        if (stored is null)
        {
            stored = new HomeDashboard(eventId);
            db.HomeDashboards.Add(stored);
        }

        stored.Apply([.. draft.Elements.Distinct()], contacts);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Version is a concurrency token, and a first save races on the key: the other save won.
            return Error.Conflict("changed", "Someone else saved the Home page meanwhile. Your changes are still here: reload to see theirs.");
        }

        await live.PublishAsync(new HomeDashboardChanged(eventId), ct);
        return Result<HomeDashboardState>.Ok(new HomeDashboardState(stored.Elements, stored.Contacts, stored.Version));
    }

    /// <summary>
    /// Contacts need a name and a way to reach them (e-mail or phone), each within its length;
    /// errors are keyed <c>contacts[i].name</c>, <c>.role</c>, <c>.email</c>, <c>.phone</c>.
    /// </summary>
    public static (IReadOnlyList<HomeContact> Contacts, Dictionary<string, string[]> Errors) Validate(HomeDashboardState draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (draft.Elements.Any(e => !Enum.IsDefined(e)))
        {
            errors["elements"] = ["Choose elements from the list."];
        }

        if (draft.Contacts.Count > HomeDashboard.MaxContacts)
        {
            errors["contacts"] = [$"At most {HomeDashboard.MaxContacts} contacts."];
        }

        var contacts = new List<HomeContact>();
        for (var i = 0; i < draft.Contacts.Count; i++)
        {
            var c = draft.Contacts[i];
            var name = Text.Clean(c.Name);
            var role = Text.Clean(c.Role);
            var emailTyped = Text.Clean(c.Email);
            var email = Text.NormalizeEmail(emailTyped);
            var phone = Text.Clean(c.Phone);
            if (name is null or { Length: > HomeContact.NameMaxLength })
            {
                errors[$"contacts[{i}].name"] = [$"A name is 1 to {HomeContact.NameMaxLength} characters."];
            }

            if (role is { Length: > HomeContact.RoleMaxLength })
            {
                errors[$"contacts[{i}].role"] = [$"A role is at most {HomeContact.RoleMaxLength} characters."];
            }

            if (emailTyped is not null && email is null)
            {
                errors[$"contacts[{i}].email"] = ["Enter a valid e-mail address."];
            }
            else if (emailTyped is null && phone is null)
            {
                errors[$"contacts[{i}].email"] = ["Give an e-mail address or a phone number."];
            }

            if (phone is not null && !IsPhone(phone))
            {
                errors[$"contacts[{i}].phone"] = [$"Enter a phone number (digits, spaces, + - . ( ), at most {HomeContact.PhoneMaxLength} characters)."];
            }

            contacts.Add(new HomeContact(name ?? "", role, email, phone));
        }

        return (contacts, errors);
    }

    private static bool IsPhone(string phone) =>
        phone.Length <= HomeContact.PhoneMaxLength && phone.Count(char.IsDigit) >= 6 && phone.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')');
}
