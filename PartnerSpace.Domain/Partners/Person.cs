using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Partners;

/// <summary>One human of one event; the e-mail address is unique per event.</summary>
public sealed class Person
{
    public const int NameMaxLength = 80;
    public const int CompanyMaxLength = 120;

    private Person()
    {
    }

    public Person(Guid eventId, string email, string firstName, string lastName, string? company, string language)
    {
        EventId = eventId;
        Email = Text.NormalizeEmail(email) ?? throw new ArgumentException("Invalid e-mail address.", nameof(email));
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        Company = Text.Clean(company);
        Language = language == "fr" ? "fr" : "en";
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    /// <summary>Lower-case, trimmed.</summary>
    public string Email { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public string? Company { get; private set; }

    /// <summary>"fr" or "en": the language of the e-mails this person receives.</summary>
    public string Language { get; private set; } = "en";

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>
    /// Copied into the person's sign-in cookie; a new value (member removed, administrator demoted,
    /// access revoked) makes every open session of theirs stale (issue 8).
    /// </summary>
    public string SecurityStamp { get; private set; } = Guid.NewGuid().ToString("N");

    internal void RenewSecurityStamp() => SecurityStamp = Guid.NewGuid().ToString("N");

    internal void Rename(string firstName, string lastName)
    {
        FirstName = firstName;
        LastName = lastName;
    }
}
