using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Menu;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain;

public static class DomainServiceExtensions
{
    public const string ConnectionStringName = "PartnerSpace";
    public const string DefaultConnectionString = "Data Source=App_Data/partnerspace.db";

    /// <summary>The setting that chooses the database (<see cref="DatabaseProvider"/>); SQLite when absent.</summary>
    public const string DatabaseSetting = "PartnerSpace:Database";

    /// <summary>The provider <c>PartnerSpace:Database</c> names; a clear error for an unknown name.</summary>
    public static DatabaseProvider DatabaseProviderOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[DatabaseSetting];
        if (string.IsNullOrWhiteSpace(name))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{DatabaseSetting} is '{name}': use Sqlite (the default) or Postgres.");
    }

    /// <summary>
    /// PostgreSQL through Npgsql, with the same conventions and rules as SQLite (ADR 0013): times as
    /// UTC ticks, LIKE ignoring case (<see cref="CaseInsensitiveLikeTranslator"/>), and the services'
    /// transactions serialized as SQLite's BEGIN IMMEDIATE does (<see cref="WriteSerialization"/>),
    /// and PostgreSQL's JIT off (<see cref="WithoutJit"/>).
    /// </summary>
    public static DbContextOptionsBuilder UsePartnerSpacePostgres(this DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(WithoutJit(connectionString)).AddInterceptors(new WriteSerialization());
        ((Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new PartnerSpacePostgresExtension());
        return options;
    }

    /// <summary>
    /// The connection string with <c>-c jit=off</c> in its backend options, unless it already sets jit:
    /// the planner JIT-compiles any query whose estimate passes jit_above_cost, and the export's and
    /// lists' queries over 100,000 leads do, and compiling the export's took 0.93 s for a query that
    /// ran in 0.73 s (BENCHMARKS, "Leads on PostgreSQL").
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) == true)
        {
            return connectionString;
        }

        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : $"{builder.Options} -c jit=off";
        return builder.ConnectionString;
    }

    /// <summary>SQLite with the per-connection settings of <see cref="SqlitePragmas"/>.</summary>
    public static DbContextOptionsBuilder UsePartnerSpaceSqlite(this DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
    }

    /// <summary>The database, the domain services and the live events (DESIGN §2).</summary>
    public static IHostApplicationBuilder AddPartnerSpaceDomain(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = DatabaseProviderOf(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? (provider == DatabaseProvider.Sqlite
                ? DefaultConnectionString
                : throw new InvalidOperationException($"{DatabaseSetting} is Postgres: set ConnectionStrings:{ConnectionStringName} to the server (Host=…;Database=…;Username=…)."));
        var services = builder.Services;

        // Data: one context per operation (a circuit lives for hours; a scoped context would too).
        // Pooled: a scan request opens a context per operation, and building one costs CPU (bench/).
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresDbContext>(options => options.UsePartnerSpacePostgres(connectionString));
            services.AddSingleton<IDbContextFactory<PartnerSpaceDbContext>>(sp => new UpcastContextFactory(sp.GetRequiredService<IDbContextFactory<PostgresDbContext>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<PartnerSpaceDbContext>(options => options.UsePartnerSpaceSqlite(connectionString));
        }

        services.AddSingleton(TimeProvider.System);

        // E-mail: the outbox is sent through SMTP when a host is configured (issue 8).
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        // Live: in this process; with PartnerSpace:Redis, also to and from the other nodes (issue 9).
        if (RedisSetup.OptionsOf(builder.Configuration) is { } redis)
        {
            services.AddRedisLiveEvents(redis);
        }
        else
        {
            services.AddSingleton<ILiveEvents, InMemoryLiveEvents>();
        }

        // Observability (issue 9): the PartnerSpace meter and the organizers' live figures.
        services.AddSingleton<Observability.PartnerSpaceTelemetry>();
        services.AddSingleton<Observability.LiveFiguresService>();

        // Areas
        services.AddSingleton<Events.EventOptionsService>();
        services.AddSingleton<PartnerService>();
        services.AddSingleton<PartnerAccessService>();
        services.AddSingleton<PartnerAdminService>();
        services.AddSingleton<PartnerProfileService>();
        services.AddSingleton<MemberService>();
        services.AddSingleton<BadgeService>();
        services.AddSingleton<MemberImportService>();
        services.AddSingleton<AttendeeService>();
        services.AddSingleton<AttendeeImportService>();
        services.AddSingleton<MenuService>();
        services.AddSingleton<MenuEditorService>();
        services.AddSingleton<PageEditorService>();
        services.AddSingleton<Forms.FormService>();
        services.AddSingleton(new Files.FileStore(builder.Configuration[Files.FileStore.FolderSetting] ?? Files.FileStore.DefaultFolder(connectionString)));
        services.AddSingleton<Files.FileService>();
        services.AddSingleton<Audit.HistoryService>();
        services.AddSingleton<Audit.SecurityLog>();
        services.AddSingleton<Audit.SecurityLogService>();
        services.AddSingleton<SessionRevocation>();
        services.AddSingleton<EmailTemplateService>();
        services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        services.AddSingleton<PartnerSpaceAccessService>();
        services.AddSingleton<EmailTemplateEditor>();
        services.AddSingleton<ScanService>();
        services.AddSingleton<LeadService>();
        services.AddSingleton<LeadCategoryService>();
        services.AddSingleton<SharedLiveReads>();
        services.AddSingleton<LeadQualificationService>();
        services.AddSingleton<LeadOverviewService>();
        services.AddSingleton<ScannerSetupService>();
        services.AddSingleton<LeadQuestionService>();
        services.AddSingleton<LeadFeedService>();
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookClient.ClientName, c => c.Timeout = WebhookClient.Timeout + TimeSpan.FromSeconds(1))
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<Leads.Export.LeadExportService>();
        services.AddSingleton<DeviceKeyService>();
        services.AddSingleton<SignInLinkService>();
        services.AddSingleton<OutboxService>();
        services.AddSingleton<Tasks.TaskService>();
        services.AddScoped<Home.IHomeCounter, Tasks.OpenTasksCounter>();
        services.AddScoped<Home.IReadinessSource, Tasks.TaskReadiness>();
        services.AddSingleton<Documents.DocumentService>();
        services.AddScoped<Home.IHomeCounter, Documents.DocumentsToReadCounter>();
        services.AddScoped<Home.IReadinessSource, Documents.DocumentReadiness>();
        services.AddSingleton<Sessions.SessionService>();
        services.AddSingleton<Sessions.SessionAttendanceService>();
        services.AddScoped<Home.IReadinessSource, Sessions.SessionReadiness>();
        services.AddSingleton<Discounts.DiscountService>();
        services.AddSingleton<Discounts.PurchaseImportService>();
        services.AddSingleton<Offers.OfferService>();
        services.AddSingleton<Public.DirectoryService>();
        services.AddSingleton<Meetings.MeetingSpaceService>();
        services.AddSingleton<Meetings.SlotService>();
        services.AddSingleton<Meetings.MeetingService>();
        services.AddSingleton<Meetings.MeetingChoiceService>();
        services.AddSingleton<Contacts.ContactListService>();
        services.AddSingleton<Contacts.PartnerMessageService>();
        services.AddScoped<Home.IHomeCounter, Meetings.MeetingsCounter>();
        services.AddScoped<Home.IHomeCounter, Meetings.PendingRequestsCounter>();
        services.AddSingleton<Meetings.CalendarFeedService>();
        services.AddSingleton<Meetings.MeetingAccessService>();
        services.AddSingleton<Meetings.CalendarSetupService>();
        services.AddSingleton<Meetings.BookableSlotService>();
        services.AddSingleton<Contacts.AttendeeContactsService>();

        // Home (S-2.1) and readiness (issue 5): each feature registers its counters and sources;
        // these enumerate them, so they are scoped like the features may be.
        services.AddSingleton<Home.HomeDashboardService>();
        services.AddScoped<Home.HomeService>();
        services.AddScoped<Home.ReadinessService>();
        services.AddScoped<Home.IHomeCounter, Home.LeadsCounter>();
        services.AddScoped<Home.IReadinessSource, Home.ProfileReadiness>();
        services.AddScoped<Home.IReadinessSource, Home.TeamReadiness>();
        return builder;
    }
}
