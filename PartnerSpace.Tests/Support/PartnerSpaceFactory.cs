using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// The whole portal on a fresh SQLite file with the demo event seeded (demo mode on), as the
/// run command starts it. Each test class gets its own database: a PostgreSQL one in the
/// scale-out run (<see cref="TestDatabase.OnPostgres"/>), dropped afterwards.
/// </summary>
public partial class PartnerSpaceFactory : WebApplicationFactory<Program>
{
    private readonly SqliteFile _file = new();
    private readonly string? _postgresDatabase = TestDatabase.OnPostgres ? PostgresServer.NewDatabaseName() : null;
    private bool _postgresCreated;

    public string ConnectionString => _postgresDatabase is null ? _file.ConnectionString : PostgresServer.Instance.ConnectionStringFor(_postgresDatabase);

    protected virtual bool Demo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Migrated once per test run; the portal's start-up then only seeds the demo, at the current time.
        if (_postgresDatabase is not null)
        {
            if (!_postgresCreated)
            {
                PostgresServer.Instance.CreateDatabaseAsync(_postgresDatabase).GetAwaiter().GetResult();
                _postgresCreated = true;
            }

            builder.UseSetting("PartnerSpace:Database", "Postgres");
            builder.UseSetting("PartnerSpace:FilesFolder", Path.Combine(_file.Folder, "files"));
            builder.UseSetting("PartnerSpace:KeysFolder", Path.Combine(_file.Folder, "keys"));
        }
        else if (!File.Exists(_file.FilePath))
        {
            TestDatabase.CopyMigratedTemplateAsync(_file.FilePath).GetAwaiter().GetResult();
        }

        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:PartnerSpace", ConnectionString);
        builder.UseSetting("PartnerSpace:Demo", Demo ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        // Each test portal makes its own key ring in its temporary folder: its "unencrypted at rest" warning says nothing here.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see status codes.</summary>
    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as one of the demo people: organizer, partner-admin, sales-contact, attendee.</summary>
    public async Task<HttpClient> SignedInAsync(string demoRole)
    {
        var client = CreateBrowserlessClient();
        var response = await client.GetAsync(new Uri($"/demo/sign-in/{demoRole}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<PartnerSpaceDbContext, Task<T>> query)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public Task<Guid> PartnerIdAsync(string name) =>
        QueryAsync(db => db.Partners.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

    /// <summary>The antiforgery token of a page's form, for posting forms as a browser would.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return AntiforgeryInput().Match(html).Groups[1].Value;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_postgresCreated)
            {
                PostgresServer.Instance.DropDatabaseAsync(_postgresDatabase!).GetAwaiter().GetResult();
            }

            _file.Dispose();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
