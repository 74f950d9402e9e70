using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// A migrated SQLite file with the domain services wired to it, for domain tests: real database,
/// real live events, a clock the test controls. Each test builds its own data with the helpers.
/// With <c>PARTNERSPACE_TEST_DATABASE=Postgres</c> the database is a fresh PostgreSQL database
/// instead (<see cref="PostgresServer"/>), dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Which database the tests run on: <c>Sqlite</c> (the default) or <c>Postgres</c> (the scale-out run).</summary>
    public const string ProviderVariable = "PARTNERSPACE_TEST_DATABASE";

    private readonly SqliteFile _file = new();
    private readonly string? _postgresDatabase;

    public TestDatabase()
        : this(OnPostgres)
    {
    }

    /// <summary>A database on PostgreSQL whatever the run's provider (<c>PostgresProviderTests</c>), or on the run's.</summary>
    public TestDatabase(bool postgres)
    {
        if (postgres)
        {
            _postgresDatabase = PostgresServer.NewDatabaseName();
            var options = PostgresServer.Instance.OptionsFor(_postgresDatabase);
            Factory = new ContextFactory(() => new PostgresDbContext(options));
        }
        else
        {
            var builder = new DbContextOptionsBuilder<PartnerSpaceDbContext>();
            builder.UsePartnerSpaceSqlite(_file.ConnectionString);
            var options = builder.Options;
            Factory = new ContextFactory(() => new PartnerSpaceDbContext(options));
        }

        Live = new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance);
    }

    /// <summary>True in the scale-out run (<c>PARTNERSPACE_TEST_DATABASE=Postgres</c>).</summary>
    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase);

    /// <summary>This test's database runs on PostgreSQL.</summary>
    public bool IsPostgres => _postgresDatabase is not null;

    public IDbContextFactory<PartnerSpaceDbContext> Factory { get; }

    public InMemoryLiveEvents Live { get; }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly Lazy<Task<string>> MigratedTemplate = new(() => Task.Run(MigrateTemplateAsync));

    public ScanService Scans => new(Factory, Live, Time);

    public LeadService Leads => new(Factory);

    public LeadCategoryService Categories => new(Factory);

    public SignInLinkService Links => new(Factory, Live, Time);

    public PartnerAccessService Access => new(Factory);

    /// <summary>S-4: opening spaces and the access e-mails; links point at <see cref="PortalUri"/> unless given.</summary>
    public PartnerSpaceAccessService Spaces => new(Factory, new EmailTemplateService(Factory), SecurityLog, Live, Microsoft.Extensions.Options.Options.Create(new PortalOptions { PublicUrl = PortalUri }), Time);

    public static Uri PortalUri { get; } = new("https://portal.test/");

    public MenuService Menu => new(Factory);

    public DeviceKeyService DeviceKeys => new(Factory, Live, Time, SecurityLog);

    /// <summary>The security log (issue 8), publishing to <see cref="Live"/>.</summary>
    public MemberService Members => new(Factory, Access, Spaces, new PartnerSpace.Domain.Forms.FormService(Factory, Live, Time), Files, Time, SecurityLog);

    public MemberImportService MemberImport => new(Factory, Access, Spaces, Time, SecurityLog);

    public PartnerSpace.Domain.Audit.SecurityLog SecurityLog => new(Factory, Time, Live);

    /// <summary>Posts with plain HTTP clients to real endpoints (a <see cref="WebhookReceiver"/>).</summary>
    public WebhookClient WebhookClient => new(new PlainHttpClients(), Time);

    public WebhookService Webhooks => new(Factory, WebhookClient, Live, Time, SecurityLog);

    /// <summary>Stored files, their bytes in a folder beside the database file.</summary>
    public PartnerSpace.Domain.Files.FileService Files => new(Factory, new PartnerSpace.Domain.Files.FileStore(FilesFolder), Time);

    public string FilesFolder => Path.Combine(_file.Folder, "files");

    /// <summary>
    /// A copy of a database migrated once per test run: the same schema and WAL mode as
    /// <c>MigrateAsync</c> gives, without running every migration for every test.
    /// </summary>
    public async Task InitializeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await PostgresServer.Instance.CreateDatabaseAsync(_postgresDatabase);
        }
        else
        {
            await CopyMigratedTemplateAsync(_file.FilePath);
        }
    }

    /// <summary>Puts a freshly migrated database at <paramref name="path"/>.</summary>
    public static async Task CopyMigratedTemplateAsync(string path) => File.Copy(await MigratedTemplate.Value, path);

    public async Task DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await PostgresServer.Instance.DropDatabaseAsync(_postgresDatabase);
        }

        _file.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private static async Task<string> MigrateTemplateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "partnerspace-tests", $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new DbContextOptionsBuilder<PartnerSpaceDbContext>();
        builder.UsePartnerSpaceSqlite($"Data Source={path};Pooling=False");
        await using (var db = new PartnerSpaceDbContext(builder.Options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    public async Task<Event> AddEventAsync()
    {
        var ev = new Event($"event-{Guid.NewGuid():N}"[..20], new LocalizedText("Salon", "Show"), Time.GetUtcNow(), Time.GetUtcNow().AddDays(2), "Europe/Paris");
        await SaveAsync(ev);
        return ev;
    }

    public async Task<Partner> AddPartnerAsync(Guid eventId, string name = "Acme")
    {
        var partner = new Partner(eventId, name, "Gold", false, Time.GetUtcNow());
        await SaveAsync(partner);
        return partner;
    }

    public async Task<Person> AddPersonAsync(Guid eventId, string email, string first = "Ada", string last = "Lovelace")
    {
        var person = new Person(eventId, email, first, last, "Analytical Engines", "fr");
        await SaveAsync(person);
        return person;
    }

    public async Task<Person> AddMemberAsync(Guid eventId, Guid partnerId, MemberRole role, string email)
    {
        var person = await AddPersonAsync(eventId, email);
        await SaveAsync(new PartnerMember(partnerId, person.Id, role, Time.GetUtcNow()));
        return person;
    }

    public async Task<Attendee> AddAttendeeAsync(Guid eventId, string badgeCode, string email, string first = "Grace", string last = "Hopper")
    {
        var person = await AddPersonAsync(eventId, email, first, last);
        var attendee = new Attendee(eventId, person.Id, badgeCode, "Visitor", Time.GetUtcNow());
        await SaveAsync(attendee);
        return attendee;
    }

    /// <summary>Registers an existing person (e.g. a sales contact) to the event (S-3.1).</summary>
    public async Task<Attendee> RegisterAsync(Guid eventId, Guid personId, string badgeCode)
    {
        var attendee = new Attendee(eventId, personId, badgeCode, "Visitor", Time.GetUtcNow());
        await SaveAsync(attendee);
        return attendee;
    }

    /// <summary>Replaces the event's options (S-1.5, S-1.6, S-1.8, S-2.9).</summary>
    public async Task SetOptionsAsync(Guid eventId, global::PartnerSpace.Domain.Events.EventOptionValues values)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var options = await db.EventOptions.FirstOrDefaultAsync(o => o.EventId == eventId);
        if (options is null)
        {
            options = new global::PartnerSpace.Domain.Events.EventOptions(eventId);
            db.EventOptions.Add(options);
        }

        options.Apply(values.Normalized());
        await db.SaveChangesAsync();
    }

    public async Task<OrganizerUser> AddOrganizerAsync(Guid eventId, string email)
    {
        var user = new OrganizerUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        await SaveAsync(user);
        await SaveAsync(new EventOrganizer(eventId, user.Id));
        return user;
    }

    /// <summary>The default pages and burger menu of an event (DefaultMenu).</summary>
    public async Task AddDefaultMenuAsync(Guid eventId)
    {
        var (pages, items) = DefaultMenu.Create(eventId);
        await using var db = await Factory.CreateDbContextAsync();
        db.Pages.AddRange(pages);
        db.MenuItems.AddRange(items);
        await db.SaveChangesAsync();
    }

    public async Task SaveAsync(object entity)
    {
        await using var db = await Factory.CreateDbContextAsync();
        db.Add(entity);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<PartnerSpaceDbContext, Task<T>> query)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await query(db);
    }

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class ContextFactory(Func<PartnerSpaceDbContext> create) : IDbContextFactory<PartnerSpaceDbContext>
    {
        public PartnerSpaceDbContext CreateDbContext() => create();
    }
}
