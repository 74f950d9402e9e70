using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Contacts;

/// <summary>
/// S-2.8, S-5: a partner's contacts changed (a message sent or answered, details shared or
/// withdrawn). Published after the commit on the partner's topic and, when it concerns one
/// person, the same record <see cref="ForPerson"/> on that person's topic.
/// </summary>
public sealed record ContactsChanged(Guid PartnerId, Guid? PersonId) : LiveEvent(Topics.Partner(PartnerId))
{
    /// <summary>The same change, told on the person's topic (<see cref="Topics.Person"/>); only when <see cref="PersonId"/> is set.</summary>
    public ContactsChanged ForPerson() =>
        PersonId is { } person ? this with { Topic = Topics.Person(person) } : throw new InvalidOperationException("This change concerns no person.");
}
