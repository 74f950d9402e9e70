using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>
/// S-2.12, S-3, S-5: the attendee's side of contacts through <see cref="AttendeeContactsService"/> on
/// a real SQLite file: answering partners' messages, sharing and withdrawing, the listing switch,
/// networking contacts by badge code, who may do it, and the live events.
/// </summary>
[Trait("Spec", "S-2.12")]
[Trait("Spec", "S-3")]
public sealed class AttendeeContactsServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Partner _acme = default!;
    private Viewer _lea = default!;
    private Viewer _tom = default!;
    private Viewer _organizer = default!;
    private Viewer _unregistered = default!;

    private AttendeeContactsService Contacts => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _lea = Person((await _db.AddAttendeeAsync(_eventId, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        _tom = Person((await _db.AddAttendeeAsync(_eventId, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId);
        _organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_eventId, "orga@show.example")).Id);
        _unregistered = Person((await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.SalesContact, "sales@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AcceptingAMessageSharesTheDetailsAndTellsBothSides()
    {
        var message = await MessageAsync(_lea.Id);
        var partnerTopic = _db.Live.Sequence(Topics.Partner(_acme.Id));
        var personTopic = _db.Live.Sequence(Topics.Person(_lea.Id));

        Ok(await Contacts.AnswerAsync(_lea, message.Id, share: true, "  Happy to talk  "));

        var stored = await _db.QueryAsync(db => db.PartnerMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(MessageAnswer.Accepted, stored.Answer);
        Assert.Equal("Happy to talk", stored.Reply);
        Assert.Equal(_db.Time.GetUtcNow(), stored.AnsweredAt);
        var share = Assert.Single(Ok(await Contacts.ListSharesAsync(_lea)));
        Assert.Equal(ContactShareOrigin.AcceptedMessage, share.Origin);
        Assert.Equal("Acme", share.PartnerName);
        Assert.True(_db.Live.Sequence(Topics.Partner(_acme.Id)) > partnerTopic);
        Assert.True(_db.Live.Sequence(Topics.Person(_lea.Id)) > personTopic);
    }

    [Fact]
    public async Task DecliningSharesNothingAndASecondAnswerIsAConflict()
    {
        var message = await MessageAsync(_lea.Id);

        Ok(await Contacts.AnswerAsync(_lea, message.Id, share: false, null));

        Assert.Empty(Ok(await Contacts.ListSharesAsync(_lea)));
        var listed = Assert.Single(Ok(await Contacts.ListMessagesAsync(_lea)));
        Assert.Equal(MessageAnswer.Declined, listed.Answer);
        var again = await Contacts.AnswerAsync(_lea, message.Id, share: true, null);
        Assert.Equal(ErrorKind.Conflict, again.Error!.Kind);
        Assert.Equal("You already answered this message.", again.Error.Message);
        Assert.Empty(Ok(await Contacts.ListSharesAsync(_lea)));
    }

    [Fact]
    public async Task OnlyTheAddresseeAnswersAndAReplyHasALimit()
    {
        var message = await MessageAsync(_lea.Id);

        Assert.Equal(ErrorKind.NotFound, (await Contacts.AnswerAsync(_tom, message.Id, true, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.AnswerAsync(_organizer, message.Id, true, null)).Error!.Kind);
        var tooLong = await Contacts.AnswerAsync(_lea, message.Id, true, new string('x', PartnerMessage.BodyMaxLength + 1));
        Assert.Contains("reply", tooLong.Error!.Fields!.Keys);
        Assert.Empty(Ok(await Contacts.ListMessagesAsync(_tom)));
    }

    [Fact]
    public async Task SharingWithdrawingAndSharingAgainRenewsTheSameConsent()
    {
        Ok(await Contacts.ShareAsync(_lea, _acme.Id, "Call me about the beta"));
        _db.Time.Advance(TimeSpan.FromHours(1));
        Ok(await Contacts.WithdrawAsync(_lea, _acme.Id));

        Assert.Empty(Ok(await Contacts.ListSharesAsync(_lea)));
        var withdrawn = await _db.QueryAsync(db => db.ContactShares.AsNoTracking().SingleAsync());
        Assert.Equal(_db.Time.GetUtcNow(), withdrawn.WithdrawnAt);
        Assert.Equal(ErrorKind.NotFound, (await Contacts.WithdrawAsync(_lea, _acme.Id)).Error!.Kind);

        _db.Time.Advance(TimeSpan.FromHours(1));
        Ok(await Contacts.ShareAsync(_lea, _acme.Id, null));

        var renewed = await _db.QueryAsync(db => db.ContactShares.AsNoTracking().SingleAsync());
        Assert.Equal(withdrawn.Id, renewed.Id);
        Assert.Null(renewed.WithdrawnAt);
        Assert.Equal(_db.Time.GetUtcNow(), renewed.SharedAt);
        Assert.Equal("Call me about the beta", renewed.Note);
        Assert.Equal(ContactShareOrigin.AttendeeShared, renewed.Origin);
    }

    [Fact]
    public async Task SharingIsRefusedForOtherEventsPartnersLongNotesAndNonAttendees()
    {
        var otherEvent = await _db.AddEventAsync();
        var elsewhere = await _db.AddPartnerAsync(otherEvent.Id, "Elsewhere");

        Assert.Equal(ErrorKind.NotFound, (await Contacts.ShareAsync(_lea, elsewhere.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Validation, (await Contacts.ShareAsync(_lea, _acme.Id, new string('x', ContactShare.NoteMaxLength + 1))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.ShareAsync(_organizer, _acme.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.ShareAsync(_unregistered, _acme.Id, null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.GetSelfAsync(_unregistered)).Error!.Kind);
        Assert.Equal(0, await _db.QueryAsync(db => db.ContactShares.CountAsync()));
    }

    [Fact]
    public async Task TheListingSwitchIsTheAttendeesOwn()
    {
        Ok(await Contacts.SetListedAsync(_lea, _eventId, false));

        Assert.False(Ok(await Contacts.GetSelfAsync(_lea)).ListedInContacts);
        Assert.True(Ok(await Contacts.GetSelfAsync(_tom)).ListedInContacts);
        Ok(await Contacts.SetListedAsync(_lea, _eventId, true));
        Assert.True(Ok(await Contacts.GetSelfAsync(_lea)).ListedInContacts);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SetListedAsync(_lea, Guid.NewGuid(), false)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.SetListedAsync(_organizer, _eventId, false)).Error!.Kind);
    }

    [Fact]
    public async Task ANetworkingContactIsAddedByBadgeAndAddingAgainUpdatesTheNote()
    {
        var added = Ok(await Contacts.AddContactAsync(_lea, " B-TOM ", "Met at the keynote"));
        Assert.Equal("Tom Hardy", added.Name);
        Assert.Equal("Analytical Engines", added.Company);
        Assert.Null(added.Email);
        Assert.False(added.Mutual);

        var again = Ok(await Contacts.AddContactAsync(_lea, "B-TOM", "Wants the white paper"));

        Assert.Equal(added.Id, again.Id);
        var contact = Assert.Single(Ok(await Contacts.ListContactsAsync(_lea)));
        Assert.Equal("Wants the white paper", contact.Note);
    }

    [Fact]
    public async Task TheEmailShowsOnlyWhenTheOtherPersonAddedMeBack()
    {
        Ok(await Contacts.AddContactAsync(_lea, "B-TOM", null));
        Assert.Null(Assert.Single(Ok(await Contacts.ListContactsAsync(_lea))).Email);

        var personTopic = _db.Live.Sequence(Topics.Person(_lea.Id));
        Ok(await Contacts.AddContactAsync(_tom, "B-LEA", null));

        var mine = Assert.Single(Ok(await Contacts.ListContactsAsync(_lea)));
        Assert.True(mine.Mutual);
        Assert.Equal("tom@guest.example", mine.Email);
        Assert.Equal("lea@guest.example", Assert.Single(Ok(await Contacts.ListContactsAsync(_tom))).Email);
        Assert.True(_db.Live.Sequence(Topics.Person(_lea.Id)) > personTopic);

        Ok(await Contacts.RemoveContactAsync(_tom, Assert.Single(Ok(await Contacts.ListContactsAsync(_tom))).Id));
        Assert.Null(Assert.Single(Ok(await Contacts.ListContactsAsync(_lea))).Email);
    }

    [Theory]
    [InlineData("", "Enter the badge code of the person you met.")]
    [InlineData("B-NOBODY", "No attendee of the event has this badge code.")]
    [InlineData("B-LEA", "This is your own badge.")]
    [InlineData("B-SALES-UNREGISTERED", "No attendee of the event has this badge code.")]
    public async Task BadBadgeCodesAreRefusedInWords(string code, string message)
    {
        var result = await Contacts.AddContactAsync(_lea, code, null);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(message, result.Error.Fields!["badgeCode"].Single());
        Assert.Empty(Ok(await Contacts.ListContactsAsync(_lea)));
    }

    [Fact]
    public async Task ABadgeOfAnotherEventIsNotFound()
    {
        var other = await _db.AddEventAsync();
        await _db.AddAttendeeAsync(other.Id, "B-FAR", "far@guest.example");

        var result = await Contacts.AddContactAsync(_lea, "B-FAR", null);

        Assert.Equal("No attendee of the event has this badge code.", result.Error!.Fields!["badgeCode"].Single());
    }

    [Fact]
    public async Task NotesAreEditedAndContactsRemovedOnlyByTheirOwner()
    {
        var added = Ok(await Contacts.AddContactAsync(_lea, "B-TOM", null));

        Assert.Equal(ErrorKind.NotFound, (await Contacts.EditNoteAsync(_tom, added.Id, "mine")).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Contacts.RemoveContactAsync(_tom, added.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.Validation, (await Contacts.EditNoteAsync(_lea, added.Id, new string('x', NetworkingContact.NoteMaxLength + 1))).Error!.Kind);
        Ok(await Contacts.EditNoteAsync(_lea, added.Id, "Follow up on Friday"));
        Assert.Equal("Follow up on Friday", Assert.Single(Ok(await Contacts.ListContactsAsync(_lea))).Note);

        Ok(await Contacts.RemoveContactAsync(_lea, added.Id));

        Assert.Empty(Ok(await Contacts.ListContactsAsync(_lea)));
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.ListContactsAsync(_organizer)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Contacts.AddContactAsync(_unregistered, "B-TOM", null)).Error!.Kind);
    }

    private async Task<PartnerMessage> MessageAsync(Guid attendeeId)
    {
        var message = new PartnerMessage(_eventId, _acme.Id, attendeeId, null, "Acme team", "Shall we stay in touch?", _db.Time.GetUtcNow());
        await _db.SaveAsync(message);
        return message;
    }

    private static Viewer Person(Guid id) => new(ViewerKind.Person, id);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }
}
