using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web;
using PartnerSpace.Web.Auth;

namespace PartnerSpace.Tests.Components;

/// <summary>Issue 8: an open circuit's user becomes anonymous once their access ends, within the revalidation interval.</summary>
[Trait("Spec", "S-4")]
public sealed class SessionRevalidationTests : ComponentTestBase
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task OpenCircuitOfARemovedAdministratorLosesAccessWithinTheInterval()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        var ev = await db.AddEventAsync();
        var partner = await db.AddPartnerAsync(ev.Id);
        var ada = await db.AddMemberAsync(ev.Id, partner.Id, MemberRole.Administrator, "ada@acme.example");
        await db.AddMemberAsync(ev.Id, partner.Id, MemberRole.Administrator, "bob@acme.example");
        var organizer = await db.AddOrganizerAsync(ev.Id, "org@events.example");
        var options = Options.Create(new PartnerSpaceOptions { SessionRevalidation = Interval });
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using var provider = new RevalidatingSessionStateProvider(NullLoggerFactory.Instance, new SessionValidator(db.Factory, cache, options), options, new Lifetime(stopping: false));
        var principal = ViewerExtensions.PersonPrincipal(new SignedInPerson(ada.Id, ev.Id, ada.Email, ada.FullName, "en") { SecurityStamp = ada.SecurityStamp }, "Test");
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        // The real authorization service (bUnit puts a placeholder in its place), deciding from the provider's user.
        Services.AddAuthorizationCore();
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Singleton<AuthenticationStateProvider>(provider));
        Services.AddCascadingAuthenticationState();
        var cut = Render<AuthorizeView>(p => p
            .Add(v => v.Authorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddMarkupContent(0, "<p id=\"state\">in</p>")))
            .Add(v => v.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddMarkupContent(0, "<p id=\"state\">out</p>"))));

        // Still current after a revalidation or two.
        await Task.Delay(Interval * 2);
        Assert.Equal("in", cut.Find("#state").TextContent);

        var memberId = await db.QueryAsync(d => d.PartnerMembers.Where(m => m.PersonId == ada.Id).Select(m => m.Id).SingleAsync());
        var members = db.Members;
        Assert.True((await members.RemoveAsync(new Viewer(ViewerKind.Organizer, organizer.Id), partner.Id, memberId)).IsSuccess);

        cut.WaitForAssertion(() => Assert.Equal("out", cut.Find("#state").TextContent), Interval * 10);
        var user = (await provider.GetAuthenticationStateAsync()).User;
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.Null(user.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public async Task WhileTheHostStopsARevalidationAfterTheServicesAreGoneKeepsTheUser()
    {
        var options = Options.Create(new PartnerSpaceOptions { SessionRevalidation = Interval });
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using var provider = new RevalidatingSessionStateProvider(NullLoggerFactory.Instance, new SessionValidator(new DisposedFactory(), cache, options), options, new Lifetime(stopping: true));
        var principal = ViewerExtensions.PersonPrincipal(new SignedInPerson(Guid.NewGuid(), Guid.NewGuid(), "ada@acme.example", "Ada", "en") { SecurityStamp = "stamp" }, "Test");
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));

        await Task.Delay(Interval * 3);

        Assert.True((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    /// <summary>The database factory once the host's service provider is disposed.</summary>
    private sealed class DisposedFactory : IDbContextFactory<PartnerSpace.Domain.Data.PartnerSpaceDbContext>
    {
        public PartnerSpace.Domain.Data.PartnerSpaceDbContext CreateDbContext() => throw new ObjectDisposedException("IServiceProvider");
    }

    private sealed class Lifetime(bool stopping) : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => new(stopping);

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
