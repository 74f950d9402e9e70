using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// The domain's database. SQLite by default; <see cref="PostgresDbContext"/> is the same model on
/// PostgreSQL, a type of its own only so that each provider has its own migrations (DESIGN §8).
/// </summary>
public class PartnerSpaceDbContext : IdentityDbContext<OrganizerUser, IdentityRole<Guid>, Guid>
{
    public PartnerSpaceDbContext(DbContextOptions<PartnerSpaceDbContext> options)
        : base(options)
    {
    }

    protected PartnerSpaceDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Event> Events => Set<Event>();

    /// <summary>PostgreSQL: the partner whose lock the next transaction takes (<see cref="WriteSerialization"/>).</summary>
    internal Guid? WriteScopePartner { get; set; }

    /// <summary>PostgreSQL: SaveChanges calls in progress, whose own transactions take no lock (<see cref="WriteSerialization"/>).</summary>
    internal int SavingDepth { get; set; }

    public DbSet<EventOrganizer> EventOrganizers => Set<EventOrganizer>();

    public DbSet<EventOptions> EventOptions => Set<EventOptions>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PartnerMember> PartnerMembers => Set<PartnerMember>();

    public DbSet<PartnerProfile> PartnerProfiles => Set<PartnerProfile>();

    public DbSet<Files.StoredFile> Files => Set<Files.StoredFile>();

    public DbSet<Attendee> Attendees => Set<Attendee>();

    public DbSet<Scan> Scans => Set<Scan>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<DeviceKey> DeviceKeys => Set<DeviceKey>();

    public DbSet<PartnerLeadSequence> PartnerLeadSequences => Set<PartnerLeadSequence>();

    public DbSet<LeadQuestion> LeadQuestions => Set<LeadQuestion>();

    public DbSet<LeadDownload> LeadDownloads => Set<LeadDownload>();

    public DbSet<WebhookSubscription> Webhooks => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<Page> Pages => Set<Page>();

    public DbSet<MenuItem> MenuItems => Set<MenuItem>();

    public DbSet<MenuSettings> MenuSettings => Set<MenuSettings>();

    public DbSet<Forms.FormDefinition> Forms => Set<Forms.FormDefinition>();

    public DbSet<Audit.ChangeRecord> History => Set<Audit.ChangeRecord>();

    public DbSet<Audit.SecurityEvent> SecurityEvents => Set<Audit.SecurityEvent>();

    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<AccessEmail> AccessEmails => Set<AccessEmail>();
    public DbSet<EmailTemplate> EmailTemplates => Set<EmailTemplate>();

    public DbSet<global::PartnerSpace.Domain.Offers.Offer> Offers => Set<global::PartnerSpace.Domain.Offers.Offer>();

    public DbSet<global::PartnerSpace.Domain.Tasks.PartnerTask> Tasks => Set<global::PartnerSpace.Domain.Tasks.PartnerTask>();

    public DbSet<global::PartnerSpace.Domain.Tasks.TaskProgress> TaskProgress => Set<global::PartnerSpace.Domain.Tasks.TaskProgress>();

    public DbSet<global::PartnerSpace.Domain.Documents.EventDocument> Documents => Set<global::PartnerSpace.Domain.Documents.EventDocument>();

    public DbSet<global::PartnerSpace.Domain.Documents.DocumentRead> DocumentReads => Set<global::PartnerSpace.Domain.Documents.DocumentRead>();

    public DbSet<global::PartnerSpace.Domain.Sessions.Session> Sessions => Set<global::PartnerSpace.Domain.Sessions.Session>();

    public DbSet<global::PartnerSpace.Domain.Sessions.SessionHost> SessionHosts => Set<global::PartnerSpace.Domain.Sessions.SessionHost>();

    public DbSet<global::PartnerSpace.Domain.Sessions.SessionSpeaker> SessionSpeakers => Set<global::PartnerSpace.Domain.Sessions.SessionSpeaker>();

    public DbSet<global::PartnerSpace.Domain.Sessions.SessionAttendance> SessionAttendances => Set<global::PartnerSpace.Domain.Sessions.SessionAttendance>();

    public DbSet<global::PartnerSpace.Domain.Discounts.DiscountCode> DiscountCodes => Set<global::PartnerSpace.Domain.Discounts.DiscountCode>();

    public DbSet<global::PartnerSpace.Domain.Discounts.TicketPurchase> TicketPurchases => Set<global::PartnerSpace.Domain.Discounts.TicketPurchase>();

    public DbSet<global::PartnerSpace.Domain.Home.HomeDashboard> HomeDashboards => Set<global::PartnerSpace.Domain.Home.HomeDashboard>();

    public DbSet<global::PartnerSpace.Domain.Meetings.MeetingSpace> MeetingSpaces => Set<global::PartnerSpace.Domain.Meetings.MeetingSpace>();

    public DbSet<global::PartnerSpace.Domain.Meetings.MeetingSlot> MeetingSlots => Set<global::PartnerSpace.Domain.Meetings.MeetingSlot>();

    public DbSet<global::PartnerSpace.Domain.Meetings.Meeting> Meetings => Set<global::PartnerSpace.Domain.Meetings.Meeting>();

    public DbSet<global::PartnerSpace.Domain.Meetings.MeetingOccupancy> MeetingOccupancy => Set<global::PartnerSpace.Domain.Meetings.MeetingOccupancy>();

    public DbSet<global::PartnerSpace.Domain.Meetings.MeetingMessage> MeetingMessages => Set<global::PartnerSpace.Domain.Meetings.MeetingMessage>();

    public DbSet<global::PartnerSpace.Domain.Meetings.CalendarFeed> CalendarFeeds => Set<global::PartnerSpace.Domain.Meetings.CalendarFeed>();

    public DbSet<global::PartnerSpace.Domain.Contacts.ContactShare> ContactShares => Set<global::PartnerSpace.Domain.Contacts.ContactShare>();

    public DbSet<global::PartnerSpace.Domain.Contacts.PartnerMessage> PartnerMessages => Set<global::PartnerSpace.Domain.Contacts.PartnerMessage>();

    public DbSet<global::PartnerSpace.Domain.Contacts.NetworkingContact> NetworkingContacts => Set<global::PartnerSpace.Domain.Contacts.NetworkingContact>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PartnerSpaceDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or sort DateTimeOffset; every stored time is UTC, kept as ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
