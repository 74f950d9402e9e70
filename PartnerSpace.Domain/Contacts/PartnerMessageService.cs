using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Contacts;

/// <summary>A partner's message to an attendee with the attendee's answer, as the partner sees it.</summary>
public sealed record PartnerMessageView(
    Guid Id,
    Guid AttendeePersonId,
    string AttendeeName,
    string? AttendeeCompany,
    string SenderName,
    string Body,
    DateTimeOffset SentAt,
    MessageAnswer Answer,
    DateTimeOffset? AnsweredAt,
    string? Reply);

/// <summary>
/// S-2.8, S-2.12: the partner's side of messages to attendees. Staff who may contact attendees
/// write to a listed attendee of the event; the attendee answers elsewhere (accept to share their
/// details, or decline). A partner waits for an answer after <see cref="MaxUnanswered"/> messages.
/// </summary>
public sealed class PartnerMessageService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    /// <summary>Messages a partner may leave unanswered with one attendee before writing again.</summary>
    public const int MaxUnanswered = 3;

    private static readonly Error Forbidden = Error.Forbidden("contact-not-allowed", "You may not contact this partner's attendees.");

    public async Task<Result<Guid>> SendAsync(Viewer viewer, Guid partnerId, Guid attendeePersonId, string? body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var text = Text.Clean(body);
        if (text is null)
        {
            return Error.Validation(Field("body", "Write a message."));
        }

        if (text.Length > PartnerMessage.BodyMaxLength)
        {
            return Error.Validation(Field("body", $"A message has at most {PartnerMessage.BodyMaxLength} characters."));
        }

        PartnerMessage message;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!(await MeetingAccess.OfAsync(db, viewer, partnerId, ct)).MayContactAttendees)
            {
                return Forbidden;
            }

            var eventId = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.EventId).FirstAsync(ct);
            if (!await ContactListService.Listed(db, eventId, partnerId).AnyAsync(p => p.Id == attendeePersonId, ct))
            {
                return Error.NotFound("attendee-not-found", "This attendee is not in the contact list.");
            }

            // A write transaction, so two senders cannot both pass the limit (SQLite serializes writers).
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var unanswered = await db.PartnerMessages.CountAsync(m => m.PartnerId == partnerId && m.AttendeePersonId == attendeePersonId && m.Answer == MessageAnswer.None, ct);
            if (unanswered >= MaxUnanswered)
            {
                return Error.Conflict("too-many-unanswered", $"This attendee has not answered your last {MaxUnanswered} messages yet. Wait for an answer before writing again.");
            }

            var senderName = viewer.Kind == ViewerKind.Person
                ? await db.People.Where(p => p.Id == viewer.Id).Select(p => (p.FirstName + " " + p.LastName).Trim()).FirstOrDefaultAsync(ct) ?? ""
                : await db.Users.Where(u => u.Id == viewer.Id).Select(u => u.UserName).FirstOrDefaultAsync(ct) ?? "";
            message = new PartnerMessage(eventId, partnerId, attendeePersonId, viewer.Kind == ViewerKind.Person ? viewer.Id : null, senderName, text, time.GetUtcNow());
            db.PartnerMessages.Add(message);

            // S-2.12: the attendee written to is a Contact sharing and messaging lead; no consent until they accept.
            await LeadBook.CaptureAsync(db, partnerId, attendeePersonId, LeadSources.Sharing, message.SentAt, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var changed = new ContactsChanged(partnerId, attendeePersonId);
        await live.PublishAsync(changed, ct);
        await live.PublishAsync(changed.ForPerson(), ct);
        return Result<Guid>.Ok(message.Id);
    }

    /// <summary>The partner's messages to attendees, newest first, with their answers.</summary>
    public async Task<Result<IReadOnlyList<PartnerMessageView>>> ListForPartnerAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!(await MeetingAccess.OfAsync(db, viewer, partnerId, ct)).MayContactAttendees)
        {
            return Forbidden;
        }

        var rows = await db.PartnerMessages.AsNoTracking()
            .Where(m => m.PartnerId == partnerId)
            .Join(db.People, m => m.AttendeePersonId, p => p.Id, (m, p) => new { m, p.FirstName, p.LastName, p.Company })
            .ToListAsync(ct);
        return Result<IReadOnlyList<PartnerMessageView>>.Ok(rows
            .OrderByDescending(r => r.m.SentAt).ThenByDescending(r => r.m.Id)
            .Select(r => new PartnerMessageView(
                r.m.Id, r.m.AttendeePersonId, $"{r.FirstName} {r.LastName}".Trim(), r.Company, r.m.SenderName, r.m.Body, r.m.SentAt, r.m.Answer, r.m.AnsweredAt, r.m.Reply))
            .ToList());
    }

    private static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };
}
