using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>S-2.8, S-2.12, S-5: the partner's messages to attendees through <see cref="PartnerMessageService"/>.</summary>
[Trait("Spec", "S-2.8")]
[Trait("Spec", "S-3.3")]
public sealed class PartnerMessageServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Event _event = default!;
    private Partner _acme = default!;
    private Viewer _acmeAdmin = default!;
    private Viewer _organizer = default!;
    private Guid _lea;

    private PartnerMessageService Messages => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _event = await _db.AddEventAsync();
        _acme = await _db.AddPartnerAsync(_event.Id, "Acme");
        _acmeAdmin = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.Administrator, "admin@acme.example")).Id);
        _organizer = new Viewer(ViewerKind.Organizer, (await _db.AddOrganizerAsync(_event.Id, "orga@show.example")).Id);
        _lea = (await _db.AddAttendeeAsync(_event.Id, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AnAdministratorWritesToAnAttendeeAndSeesTheMessageWithItsAnswer()
    {
        var id = Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, "  Come and see our demo!  "));
        await _db.QueryAsync(async db =>
        {
            var message = await db.PartnerMessages.SingleAsync(m => m.Id == id);
            db.Entry(message).Property(m => m.Answer).CurrentValue = MessageAnswer.Accepted;
            db.Entry(message).Property(m => m.Reply).CurrentValue = "Gladly";
            return await db.SaveChangesAsync();
        });

        var list = Ok(await Messages.ListForPartnerAsync(_acmeAdmin, _acme.Id));

        var view = Assert.Single(list);
        Assert.Equal("Come and see our demo!", view.Body);
        Assert.Equal("Léa Martin", view.AttendeeName);
        Assert.Equal("Ada Lovelace", view.SenderName);
        Assert.Equal(MessageAnswer.Accepted, view.Answer);
        Assert.Equal("Gladly", view.Reply);
    }

    [Fact]
    public async Task AnOrganizerWritesAsThePartnerUnderTheirAccountName()
    {
        Ok(await Messages.SendAsync(_organizer, _acme.Id, _lea, "Hello"));

        var view = Assert.Single(Ok(await Messages.ListForPartnerAsync(_organizer, _acme.Id)));
        Assert.Equal("orga@show.example", view.SenderName);
        Assert.Null(await _db.QueryAsync(db => db.PartnerMessages.Select(m => m.SenderPersonId).SingleAsync()));
    }

    [Fact]
    public async Task ABodyIsRequiredAndLimited()
    {
        var empty = await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, "   ");
        Assert.Equal(ErrorKind.Validation, empty.Error!.Kind);
        Assert.Contains("body", empty.Error.Fields!.Keys);

        var tooLong = await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, new string('x', PartnerMessage.BodyMaxLength + 1));
        Assert.Equal(ErrorKind.Validation, tooLong.Error!.Kind);
        Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, new string('x', PartnerMessage.BodyMaxLength)));
    }

    [Fact]
    public async Task OnlyListedAttendeesOfTheEventCanBeWritten()
    {
        var member = await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "sales@acme.example");
        await _db.RegisterAsync(_event.Id, member.Id, "B-SALES");
        var notRegistered = await _db.AddPersonAsync(_event.Id, "guest@guest.example");
        var otherEvent = await _db.AddEventAsync();
        var stranger = (await _db.AddAttendeeAsync(otherEvent.Id, "B-X", "x@guest.example")).PersonId;

        Assert.Equal("attendee-not-found", (await Messages.SendAsync(_acmeAdmin, _acme.Id, member.Id, "Hi")).Error!.Code);
        Assert.Equal("attendee-not-found", (await Messages.SendAsync(_acmeAdmin, _acme.Id, notRegistered.Id, "Hi")).Error!.Code);
        Assert.Equal("attendee-not-found", (await Messages.SendAsync(_acmeAdmin, _acme.Id, stranger, "Hi")).Error!.Code);
        Assert.Equal("attendee-not-found", (await Messages.SendAsync(_acmeAdmin, _acme.Id, Guid.NewGuid(), "Hi")).Error!.Code);
    }

    [Fact]
    public async Task AtMostThreeUnansweredMessagesPerAttendee()
    {
        for (var i = 0; i < PartnerMessageService.MaxUnanswered; i++)
        {
            Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, $"Message {i}"));
        }

        var fourth = await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, "Again");
        Assert.Equal(ErrorKind.Conflict, fourth.Error!.Kind);
        Assert.Equal("This attendee has not answered your last 3 messages yet. Wait for an answer before writing again.", fourth.Error.Message);

        await _db.QueryAsync(async db =>
        {
            var first = await db.PartnerMessages.OrderBy(m => m.Id).FirstAsync();
            db.Entry(first).Property(m => m.Answer).CurrentValue = MessageAnswer.Declined;
            return await db.SaveChangesAsync();
        });
        Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, "Again"));
    }

    [Fact]
    public async Task ASalesContactWritesOnlyWhenRegisteredAndAllowed()
    {
        var hugo = Person((await _db.AddMemberAsync(_event.Id, _acme.Id, MemberRole.SalesContact, "hugo@acme.example")).Id);
        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = true });
        Assert.Equal(ErrorKind.Forbidden, (await Messages.SendAsync(hugo, _acme.Id, _lea, "Hi")).Error!.Kind);

        await _db.RegisterAsync(_event.Id, hugo.Id, "B-HUGO");
        Ok(await Messages.SendAsync(hugo, _acme.Id, _lea, "Hi"));
        Assert.Single(Ok(await Messages.ListForPartnerAsync(hugo, _acme.Id)));

        await _db.SetOptionsAsync(_event.Id, EventOptionValues.Default with { SalesContactsContactAttendees = false });
        Assert.Equal(ErrorKind.Forbidden, (await Messages.SendAsync(hugo, _acme.Id, _lea, "Hi")).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Messages.ListForPartnerAsync(hugo, _acme.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Messages.SendAsync(Person(_lea), _acme.Id, _lea, "Hi")).Error!.Kind);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task ASentMessageIsToldOnThePartnerAndThePersonTopics()
    {
        var partnerEvents = new List<LiveEvent>();
        var personEvents = new List<LiveEvent>();
        using var p = _db.Live.Subscribe(Topics.Partner(_acme.Id), e => { lock (partnerEvents) { partnerEvents.Add(e); } return Task.CompletedTask; });
        using var a = _db.Live.Subscribe(Topics.Person(_lea), e => { lock (personEvents) { personEvents.Add(e); } return Task.CompletedTask; });

        Ok(await Messages.SendAsync(_acmeAdmin, _acme.Id, _lea, "Hi"));

        Assert.Equal(new ContactsChanged(_acme.Id, _lea), Assert.Single(partnerEvents));
        Assert.Equal(new ContactsChanged(_acme.Id, _lea).ForPerson(), Assert.Single(personEvents));
        Assert.Equal(Topics.Person(_lea), personEvents[0].Topic);
    }

    private static Viewer Person(Guid id) => new(ViewerKind.Person, id);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }
}
