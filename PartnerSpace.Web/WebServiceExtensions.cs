using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Web.Api;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Components;
using PartnerSpace.Web.Features.Attendees;
using PartnerSpace.Web.Features.Discounts;
using PartnerSpace.Web.Features.Files;
using PartnerSpace.Web.Features.Meetings;
using PartnerSpace.Web.Features.Organizer;
using PartnerSpace.Web.Features.Security;
using PartnerSpace.Web.Features.Team;
using PartnerSpace.Web.Observability;
using PartnerSpace.Web.Security;
using PartnerSpace.Web.Shared;
using Scalar.AspNetCore;

namespace PartnerSpace.Web;

public static class WebServiceExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("fr")];

    public static IHostApplicationBuilder AddPartnerSpaceWeb(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Options: demo mode is on in Development and with the embedded database unless set.
        var usesDefaultDatabase = builder.Configuration.GetConnectionString(DomainServiceExtensions.ConnectionStringName) is null;
        services.AddOptions<PartnerSpaceOptions>()
            .Configure(o => o.Demo = builder.Environment.IsDevelopment() || usesDefaultDatabase)
            .Bind(builder.Configuration.GetSection(PartnerSpaceOptions.Section));

        // Request sizes, in one place (RequestLimitsOptions): Kestrel's ceiling, forms, the circuit.
        var limitsSection = builder.Configuration.GetSection(RequestLimitsOptions.Section);
        var limits = limitsSection.Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        services.Configure<RequestLimitsOptions>(limitsSection);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = limits.MaxFormBodyBytes;
            o.ValueLengthLimit = (int)Math.Min(int.MaxValue, limits.MaxFormBodyBytes);
        });

        // UI: Blazor Server with MudBlazor, French and English.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = limits.MaxCircuitMessageBytes);
        builder.AddPartnerSpaceSignalRBackplane();
        services.AddMudServices();
        services.AddSingleton<MarkdownRenderer>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddScoped<CircuitEvents>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitEvents>());
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitOrigin>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitOrigin>());
        services.AddScoped<Features.Attendee.SalesContact.IPartnerChoiceStore, Features.Attendee.SalesContact.ProtectedPartnerChoiceStore>();

        // Identity: organizers by password, partner members and attendees by sign-in link.
        services.TryAddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PartnerSpaceDbContext>>().CreateDbContext());
        services.AddCascadingAuthenticationState();
        builder.AddPartnerSpaceDataProtection();
        services.AddMemoryCache();
        services.AddSingleton<SessionValidator>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.AddSingleton<TwoFactorStep>();
        services.AddSingleton<SignInLimiter>();
        AddRequestCounter(services, builder.Configuration);
        services.AddSingleton<SignInLog>();
        services.AddSingleton<Features.Account.OrganizerAccountService>();
        services.AddOptions<CookieAuthenticationOptions>(AuthEndpoints.CookieScheme)
            .Configure<SessionValidator>((o, sessions) => o.Events.OnValidatePrincipal = sessions.ValidateCookieAsync);
        // One cookie for organizers and people alike; Identity only checks passwords and lockout.
        services.AddAuthentication(AuthEndpoints.CookieScheme)
            .AddCookie(AuthEndpoints.CookieScheme, o => ConfigureCookie(o, builder.Environment))
            .AddScheme<DeviceKeyAuthenticationOptions, DeviceKeyAuthenticationHandler>(DeviceKeyAuthenticationHandler.SchemeName, null);
        services.AddIdentityCore<OrganizerUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
            })
            .AddEntityFrameworkStores<PartnerSpaceDbContext>()
            .AddSignInManager()
            .AddTokenProvider<AuthenticatorTokenProvider<OrganizerUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Organizer, p => p.RequireClaim(PartnerSpaceClaims.Kind, PartnerSpaceClaims.OrganizerKind))
            .AddPolicy(Policies.PartnerAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new PartnerAdminRequirement()))
            .AddPolicy(Policies.Device, p => p.AddAuthenticationSchemes(DeviceKeyAuthenticationHandler.SchemeName)
                .RequireClaim(PartnerSpaceClaims.Partner));
        services.AddSingleton<IAuthorizationHandler, PartnerAdminHandler>();
        services.AddSingleton<DemoPeople>();
        services.AddHostedService<Features.Meetings.MeetingExpiryService>();
        services.AddHostedService(sp => sp.GetRequiredService<Domain.Leads.WebhookDispatcher>());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                if (context.HttpContext.Request.Path.StartsWithSegments("/auth"))
                {
                    // People posting the sign-in forms get a page in their language, not a bare 429.
                    await SignInLimiter.WriteTooManyRequestsAsync(context.HttpContext, retry);
                    return;
                }

                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            };
            o.AddPolicy(Policies.SignInRateLimit, http => SignInRateLimitPartition(http));
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurity(builder.Environment));
        builder.AddTransportSecurity();

        // API: problem details, OpenAPI, health.
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddOperationTransformer<JsonRequestBodyTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        // Observability: JSON logs on request, OpenTelemetry through OTLP when an endpoint is set.
        builder.AddPartnerSpaceObservability();
        return builder;
    }

    public static async Task MigrateAndSeedDemoAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var demo = app.Services.GetRequiredService<IOptions<PartnerSpaceOptions>>().Value.Demo;
        await DatabaseStartup.MigrateAndSeedAsync(app.Services, seedDemo: demo);

        // The outbox backlog gauge is observed from the start, not from the first page that asks.
        app.Services.GetRequiredService<Domain.Observability.LiveFiguresService>();
    }

    public static WebApplication MapPartnerSpace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Issue 8: forwarded headers (when proxies are named), HSTS and https redirection in
        // Production; then the security headers, on every answer that follows, error pages included.
        app.UseSecurityHeaders();
        app.UseNodeName();
        app.UseTransportSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // People get a page for 4xx. The API skips it (its endpoints carry SkipStatusCodePages, and
        // unknown API paths hit the fallback below): re-executing an API POST into a page would fail
        // antiforgery and turn a 404 into a 400 (PITFALLS).
        // Before the status-code pages: a body refused as too large is not re-executed into a page.
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseApiReferencePolicy();

        app.MapStaticAssets();
        // Blazor's own CSP (frame-ancestors 'self') would stand in for the whole page policy: ours has frame-ancestors 'none'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

        app.MapHealthChecks("/health").WithMetadata(new SkipStatusCodePagesAttribute());
        app.MapOpenApi().WithMetadata(new SkipStatusCodePagesAttribute());
        app.MapScalarApiReference(SecurityHeaders.ApiReferencePath, o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("PartnerSpace API").DisableDefaultFonts().AddHeadContent(SecurityHeaders.ApiReferenceHeadContent))
            .WithMetadata(new SkipStatusCodePagesAttribute());
        app.MapAuthEndpoints();
        app.MapCultureEndpoint();
        app.MapScanEndpoints();
        app.MapScannerEndpoints();
        app.MapLeadFeedEndpoints();
        app.MapLeadExportEndpoints();
        app.MapFileEndpoints();
        app.MapAttendeeEndpoints();
        app.MapDiscountEndpoints();
        app.MapSecurityLogEndpoints();
        app.MapBadgeEndpoints();
        app.MapCalendarEndpoints();
        app.MapOutboxEndpoints();
        app.MapFallback("/api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such API endpoint."))
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
        return app;
    }

    // Issue 9: sign-in counts shared by the nodes with PartnerSpace:Redis, this node's own without.
    private static void AddRequestCounter(IServiceCollection services, IConfiguration configuration)
    {
        if (Domain.Live.RedisSetup.OptionsOf(configuration) is null)
        {
            services.AddSingleton<IRequestCounter, LocalRequestCounter>();
        }
        else
        {
            services.AddSingleton<IRequestCounter, RedisRequestCounter>();
        }
    }

    // Per client address, SignInRequestsPerMinute a minute; across the nodes when counts are shared.
    private static RateLimitPartition<string> SignInRateLimitPartition(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var limit = http.RequestServices.GetRequiredService<IOptions<PartnerSpaceOptions>>().Value.SignInRequestsPerMinute;
        var counter = http.RequestServices.GetRequiredService<IRequestCounter>();
        return counter.IsShared
            ? RateLimitPartition.Get(address, key => new CountedRateLimiter(counter, $"sign-in-ip:{key}", limit, TimeSpan.FromMinutes(1)))
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
    /// <summary><c>X-PartnerSpace-Node</c> on every answer when <see cref="PartnerSpaceOptions.NodeName"/> is set.</summary>
    private static void UseNodeName(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PartnerSpaceOptions>>().Value.NodeName is not { Length: > 0 } node)
        {
            return;
        }

        app.Use((context, next) =>
        {
            context.Response.Headers[NodeHeader] = node;
            return next(context);
        });
    }

    /// <summary>The header that names the node which answered (<see cref="PartnerSpaceOptions.NodeName"/>).</summary>
    public const string NodeHeader = "X-PartnerSpace-Node";

    // Secure cookies outside Development; over http in Development and the tests, as the request.
    private static CookieSecurePolicy CookieSecurity(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    private static void ConfigureCookie(CookieAuthenticationOptions o, IHostEnvironment environment)
    {
        o.LoginPath = "/sign-in";
        o.AccessDeniedPath = "/error/403";
        o.Cookie.Name = "partnerspace";
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurity(environment);
        o.ExpireTimeSpan = TimeSpan.FromDays(14);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
    }

    // Programs get a status code; people get the sign-in page, or a 403 page rendered in place.
    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
