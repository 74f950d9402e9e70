using PartnerSpace.Domain;
using PartnerSpace.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPartnerSpaceDomain();   // DbContext factory, domain services, live events
builder.AddPartnerSpaceWeb();      // Razor components, MudBlazor, auth, localization, API

var app = builder.Build();
await app.MigrateAndSeedDemoAsync(); // MigrateAsync; the demo event into an empty database
app.MapPartnerSpace();               // middleware, pages, endpoints
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
