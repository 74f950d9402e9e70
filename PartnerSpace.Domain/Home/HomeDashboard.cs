using System.Text.Json;

namespace PartnerSpace.Domain.Home;

/// <summary>S-2.1: an element the organizer can put on the partners' Home page.</summary>
public enum HomeElement
{
    LeadsCounter = 1,
    MeetingsCounter = 2,
    PendingRequestsCounter = 3,
    OpenTasksCounter = 4,
    DocumentsToReadCounter = 5,
    ReadinessChecklist = 6,
}

/// <summary>A person of the organizer's team the partners may call or write to (S-2.1).</summary>
public sealed record HomeContact(string Name, string? Role, string? Email, string? Phone)
{
    public const int NameMaxLength = 80;
    public const int RoleMaxLength = 80;
    public const int PhoneMaxLength = 30;
}

/// <summary>S-2.1: what the partners' Home page shows, chosen by the organizer; one per event.</summary>
public sealed class HomeDashboard
{
    public const int MaxContacts = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HomeDashboard()
    {
    }

    public HomeDashboard(Guid eventId) => EventId = eventId;

    public Guid EventId { get; private set; }

    /// <summary>The chosen elements in display order, as a JSON array of names.</summary>
    public string ElementsJson { get; private set; } = "[]";

    public string ContactsJson { get; private set; } = "[]";

    public int Version { get; private set; }

    /// <summary>The default dashboard of a new event: every counter and the checklist.</summary>
    public static IReadOnlyList<HomeElement> DefaultElements { get; } =
    [
        HomeElement.OpenTasksCounter,
        HomeElement.DocumentsToReadCounter,
        HomeElement.LeadsCounter,
        HomeElement.MeetingsCounter,
        HomeElement.PendingRequestsCounter,
        HomeElement.ReadinessChecklist,
    ];

    public IReadOnlyList<HomeElement> Elements =>
        JsonSerializer.Deserialize<List<string>>(ElementsJson, Json)?
            .Select(n => Enum.TryParse<HomeElement>(n, out var e) ? e : (HomeElement?)null)
            .OfType<HomeElement>()
            .ToList() ?? [];

    public IReadOnlyList<HomeContact> Contacts => JsonSerializer.Deserialize<List<HomeContact>>(ContactsJson, Json) ?? [];

    internal void Apply(IReadOnlyList<HomeElement> elements, IReadOnlyList<HomeContact> contacts)
    {
        ElementsJson = JsonSerializer.Serialize(elements.Select(e => e.ToString()), Json);
        ContactsJson = JsonSerializer.Serialize(contacts, Json);
        Version++;
    }
}
