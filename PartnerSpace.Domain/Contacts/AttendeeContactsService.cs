using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Contacts;

/// <summary>
/// S-2.12, S-3: the attendee's side of contacts, for the signed-in person registered to their event:
/// partners' messages and their answers, "share my contact details" with a partner and its
/// withdrawal, the "appear in partners' contact lists" switch, and networking contacts added by
/// badge code. Anyone else (an organizer, a person without a badge) is refused.
/// </summary>
public sealed class AttendeeContactsService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    private static readonly Error NotAnAttendee = Error.Forbidden("not-an-attendee", "Only a registered attendee of the event has an attendee space.");
    private static readonly Error MessageGone = Error.NotFound("message-not-found", "This message no longer exists.");
    private static readonly Error PartnerGone = Error.NotFound("partner-not-found", "This partner no longer exists.");
    private static readonly Error ContactGone = Error.NotFound("contact-not-found", "This contact no longer exists.");

    /// <summary>The signed-in attendee and their event; Forbidden for an organizer or an unregistered person.</summary>
    public async Task<Result<AttendeeSelf>> GetSelfAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var self = await SelfAsync(db, viewer, ct);
        if (self is null)
        {
            return NotAnAttendee;
        }

        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == self.PersonId, ct);
        var ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == self.EventId, ct);
        return Result<AttendeeSelf>.Ok(new AttendeeSelf(self.PersonId, person.FullName, self.BadgeCode, self.ListedInContacts, ev.Id, ev.Slug, ev.Name, ev.TimeZoneId));
    }

    // ---- Partners' messages ----

    /// <summary>The messages partners sent the attendee, newest first.</summary>
    public async Task<Result<IReadOnlyList<ReceivedMessage>>> ListMessagesAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await SelfAsync(db, viewer, ct) is not { } self)
        {
            return NotAnAttendee;
        }

        var rows = await db.PartnerMessages.AsNoTracking().Where(m => m.AttendeePersonId == self.PersonId && m.EventId == self.EventId)
            .Join(db.Partners, m => m.PartnerId, p => p.Id, (m, p) => new ReceivedMessage(m.Id, m.PartnerId, p.Name, m.SenderName, m.Body, m.SentAt, m.Answer, m.AnsweredAt, m.Reply))
            .ToListAsync(ct);
        return Result<IReadOnlyList<ReceivedMessage>>.Ok([.. rows.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)]);
    }

    /// <summary>
    /// Answers a partner's message once: accepting shares the attendee's contact details with the
    /// partner (a new or renewed <see cref="ContactShare"/> of origin <see cref="ContactShareOrigin.AcceptedMessage"/>),
    /// declining does not. A message already answered is a Conflict.
    /// </summary>
    public async Task<Result<bool>> AnswerAsync(Viewer viewer, Guid messageId, bool share, string? reply, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var text = Text.Clean(reply);
        if (text is { Length: > PartnerMessage.BodyMaxLength })
        {
            return Error.Validation(Field("reply", $"A reply has at most {PartnerMessage.BodyMaxLength} characters."));
        }

        var now = time.GetUtcNow();
        Guid partnerId;
        Guid personId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await SelfAsync(db, viewer, ct) is not { } self)
            {
                return NotAnAttendee;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var message = await db.PartnerMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.AttendeePersonId == self.PersonId, ct);
            if (message is null)
            {
                return MessageGone;
            }

            if (message.Answer != MessageAnswer.None)
            {
                return Error.Conflict("already-answered", "You already answered this message.");
            }

            message.AnswerWith(share ? MessageAnswer.Accepted : MessageAnswer.Declined, text, now);
            if (share)
            {
                await ShareInAsync(db, self, message.PartnerId, ContactShareOrigin.AcceptedMessage, null, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            partnerId = message.PartnerId;
            personId = self.PersonId;
        }

        await PublishAsync(partnerId, personId, ct);
        return Result<bool>.Ok(true);
    }

    // ---- Sharing contact details ----

    /// <summary>"Share my contact details" with a partner of the event: creates the share or renews it (a withdrawn one too).</summary>
    public async Task<Result<bool>> ShareAsync(Viewer viewer, Guid partnerId, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var text = Text.Clean(note);
        if (text is { Length: > ContactShare.NoteMaxLength })
        {
            return Error.Validation(Field("note", $"A note has at most {ContactShare.NoteMaxLength} characters."));
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await SelfAsync(db, viewer, ct) is not { } self)
            {
                return NotAnAttendee;
            }

            if (!await db.Partners.AnyAsync(p => p.Id == partnerId && p.EventId == self.EventId, ct))
            {
                return PartnerGone;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ShareInAsync(db, self, partnerId, ContactShareOrigin.AttendeeShared, text, time.GetUtcNow(), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                // A second tab shared at the same moment: the consent exists, which is what was asked.
                await tx.RollbackAsync(ct);
            }
        }

        await PublishAsync(partnerId, viewer.Id, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Stops sharing with a partner: the share is kept with its withdrawal time and the partner no longer sees the details.</summary>
    public async Task<Result<bool>> WithdrawAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await SelfAsync(db, viewer, ct) is not { } self)
            {
                return NotAnAttendee;
            }

            var share = await db.ContactShares.FirstOrDefaultAsync(s => s.PartnerId == partnerId && s.PersonId == self.PersonId, ct);
            if (share is null || !share.IsActive)
            {
                return Error.NotFound("share-not-found", "You do not share your contact details with this partner.");
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            share.Withdraw(now);
            await LeadBook.WithdrawConsentAsync(db, partnerId, self.PersonId, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        await PublishAsync(partnerId, viewer.Id, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>The partners the attendee shares their contact details with, by name.</summary>
    public async Task<Result<IReadOnlyList<SharedContact>>> ListSharesAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await SelfAsync(db, viewer, ct) is not { } self)
        {
            return NotAnAttendee;
        }

        var rows = await db.ContactShares.AsNoTracking().Where(s => s.PersonId == self.PersonId && s.WithdrawnAt == null)
            .Join(db.Partners, s => s.PartnerId, p => p.Id, (s, p) => new SharedContact(s.PartnerId, p.Name, s.Origin, s.Note, s.SharedAt))
            .ToListAsync(ct);
        return Result<IReadOnlyList<SharedContact>>.Ok([.. rows.OrderBy(r => r.PartnerName, StringComparer.CurrentCultureIgnoreCase)]);
    }

    /// <summary>S-2.8: "appear in partners' contact lists" for the attendee's registration to <paramref name="eventId"/>.</summary>
    public async Task<Result<bool>> SetListedAsync(Viewer viewer, Guid eventId, bool listed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (viewer.Kind != ViewerKind.Person)
            {
                return NotAnAttendee;
            }

            var attendee = await db.Attendees.FirstOrDefaultAsync(a => a.EventId == eventId && a.PersonId == viewer.Id, ct);
            if (attendee is null)
            {
                return NotAnAttendee;
            }

            attendee.ChangeListing(listed);
            await db.SaveChangesAsync(ct);
        }

        await live.PublishAsync(new AttendeeContactsChanged(viewer.Id), ct);
        return Result<bool>.Ok(listed);
    }

    // ---- Networking contacts ----

    /// <summary>The attendee's networking contacts, by name; e-mail addresses only of those who added them back.</summary>
    public async Task<Result<IReadOnlyList<NetworkingContactRow>>> ListContactsAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await SelfAsync(db, viewer, ct) is not { } self)
        {
            return NotAnAttendee;
        }

        var me = self.PersonId;
        var rows = await db.NetworkingContacts.AsNoTracking().Where(c => c.OwnerPersonId == me)
            .Join(db.People, c => c.ContactPersonId, p => p.Id, (c, p) => new
            {
                c.Id,
                p.FirstName,
                p.LastName,
                p.Company,
                p.Email,
                c.ContactPersonId,
                c.Note,
                c.MetAt,
                Mutual = db.NetworkingContacts.Any(back => back.OwnerPersonId == c.ContactPersonId && back.ContactPersonId == me),
            })
            .ToListAsync(ct);
        return Result<IReadOnlyList<NetworkingContactRow>>.Ok([.. rows
            .Select(r => new NetworkingContactRow(r.Id, r.ContactPersonId, $"{r.FirstName} {r.LastName}".Trim(), r.Company, r.Mutual ? r.Email : null, r.Note, r.MetAt, r.Mutual))
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)]);
    }

    /// <summary>
    /// Adds the registered attendee wearing <paramref name="badgeCode"/> (same event, not oneself) to
    /// the networking contacts; adding them again updates the note.
    /// </summary>
    public async Task<Result<NetworkingContactRow>> AddContactAsync(Viewer viewer, string? badgeCode, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var code = Text.Clean(badgeCode);
        var text = Text.Clean(note);
        if (code is null)
        {
            return Error.Validation(Field("badgeCode", "Enter the badge code of the person you met."));
        }

        if (code.Length > Attendee.BadgeCodeMaxLength)
        {
            return Error.Validation(Field("badgeCode", $"A badge code has at most {Attendee.BadgeCodeMaxLength} characters."));
        }

        if (text is { Length: > NetworkingContact.NoteMaxLength })
        {
            return Error.Validation(Field("note", $"A note has at most {NetworkingContact.NoteMaxLength} characters."));
        }

        Guid contactId;
        Guid otherId;
        IReadOnlyList<Guid> staffOf = [];
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await SelfAsync(db, viewer, ct) is not { } self)
            {
                return NotAnAttendee;
            }

            var other = await db.Attendees.AsNoTracking().Where(a => a.EventId == self.EventId && a.BadgeCode == code).Select(a => (Guid?)a.PersonId).FirstOrDefaultAsync(ct);
            if (other is null)
            {
                return Error.Validation(Field("badgeCode", "No attendee of the event has this badge code."));
            }

            if (other == self.PersonId)
            {
                return Error.Validation(Field("badgeCode", "This is your own badge."));
            }

            otherId = other.Value;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var contact = await db.NetworkingContacts.FirstOrDefaultAsync(c => c.OwnerPersonId == self.PersonId && c.ContactPersonId == otherId, ct);
            if (contact is null)
            {
                contact = new NetworkingContact(self.EventId, self.PersonId, otherId, text, time.GetUtcNow());
                db.NetworkingContacts.Add(contact);

                // S-2.12: a contact made by a partner's staff member is that partner's Networking lead.
                staffOf = await NetworkingLeadsAsync(db, self.PersonId, otherId, contact.MetAt, ct);
            }
            else
            {
                contact.ChangeNote(text);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                await tx.RollbackAsync(ct);
                return Error.Conflict("contact-exists", "This person was just added to your contacts. Reload to see them.");
            }

            contactId = contact.Id;
        }

        await PublishContactAsync(viewer.Id, otherId, ct);
        foreach (var partnerId in staffOf)
        {
            await live.PublishAsync(new LeadsChanged(partnerId), ct);
        }

        var list = await ListContactsAsync(viewer, ct);
        return Result<NetworkingContactRow>.Ok(list.Value!.First(c => c.Id == contactId));
    }

    /// <summary>Changes the note on one of the attendee's networking contacts.</summary>
    public async Task<Result<bool>> EditNoteAsync(Viewer viewer, Guid contactId, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var text = Text.Clean(note);
        if (text is { Length: > NetworkingContact.NoteMaxLength })
        {
            return Error.Validation(Field("note", $"A note has at most {NetworkingContact.NoteMaxLength} characters."));
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await SelfAsync(db, viewer, ct) is not { } self)
            {
                return NotAnAttendee;
            }

            var contact = await db.NetworkingContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OwnerPersonId == self.PersonId, ct);
            if (contact is null)
            {
                return ContactGone;
            }

            contact.ChangeNote(text);
            await db.SaveChangesAsync(ct);
        }

        await live.PublishAsync(new AttendeeContactsChanged(viewer.Id), ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Removes one of the attendee's networking contacts (the other person's list keeps them).</summary>
    public async Task<Result<bool>> RemoveContactAsync(Viewer viewer, Guid contactId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        Guid otherId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await SelfAsync(db, viewer, ct) is not { } self)
            {
                return NotAnAttendee;
            }

            var contact = await db.NetworkingContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.OwnerPersonId == self.PersonId, ct);
            if (contact is null)
            {
                return ContactGone;
            }

            otherId = contact.ContactPersonId;
            db.NetworkingContacts.Remove(contact);
            await db.SaveChangesAsync(ct);
        }

        await PublishContactAsync(viewer.Id, otherId, ct);
        return Result<bool>.Ok(true);
    }

    // ---- Helpers ----

    /// <summary>The viewer's registration to their own event; null for an organizer or an unregistered person.</summary>
    internal static async Task<Attendee?> SelfAsync(PartnerSpaceDbContext db, Viewer viewer, CancellationToken ct)
    {
        if (viewer.Kind != ViewerKind.Person)
        {
            return null;
        }

        return await db.Attendees.AsNoTracking()
            .Where(a => a.PersonId == viewer.Id && db.People.Any(p => p.Id == viewer.Id && p.EventId == a.EventId))
            .FirstOrDefaultAsync(ct);
    }

    private static async Task ShareInAsync(PartnerSpaceDbContext db, Attendee self, Guid partnerId, ContactShareOrigin origin, string? note, DateTimeOffset now, CancellationToken ct)
    {
        var share = await db.ContactShares.FirstOrDefaultAsync(s => s.PartnerId == partnerId && s.PersonId == self.PersonId, ct);
        if (share is null)
        {
            db.ContactShares.Add(new ContactShare(self.EventId, partnerId, self.PersonId, origin, note, now));
        }
        else
        {
            share.Renew(origin, note, now);
        }

        // The attendee becomes (or stays) the partner's lead, with the consent they just gave (S-2.12).
        var lead = await LeadBook.CaptureAsync(db, partnerId, self.PersonId, LeadSources.Sharing, now, ct);
        LeadBook.Consent(lead, origin == ContactShareOrigin.AcceptedMessage ? LeadConsent.AcceptedMessage : LeadConsent.SharedContact, now);
    }

    /// <summary>Records <paramref name="contactId"/> as a Networking lead of every partner whose team <paramref name="ownerId"/> is on (any role).</summary>
    internal static async Task<IReadOnlyList<Guid>> NetworkingLeadsAsync(PartnerSpaceDbContext db, Guid ownerId, Guid contactId, DateTimeOffset at, CancellationToken ct)
    {
        var partners = await db.PartnerMembers.Where(m => m.PersonId == ownerId).Select(m => m.PartnerId).Distinct().ToListAsync(ct);
        foreach (var partnerId in partners)
        {
            await LeadBook.CaptureAsync(db, partnerId, contactId, LeadSources.Networking, at, ct);
        }

        return partners;
    }

    private async Task PublishAsync(Guid partnerId, Guid personId, CancellationToken ct)
    {
        await live.PublishAsync(new ContactShareChanged(partnerId, personId), ct);
        await live.PublishAsync(new AttendeeContactsChanged(personId), ct);
    }

    /// <summary>Both people's lists change: the other one's e-mail visibility depends on this contact.</summary>
    private async Task PublishContactAsync(Guid ownerId, Guid otherId, CancellationToken ct)
    {
        await live.PublishAsync(new AttendeeContactsChanged(ownerId), ct);
        await live.PublishAsync(new AttendeeContactsChanged(otherId), ct);
    }

    private static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };
}
