using System.Diagnostics.Metrics;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Observability;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Monitoring;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

/// <summary>The organizers' live figures page on a real database (issue 9, item 6): its four states, and live.</summary>
[Trait("Spec", "D-9")]
public sealed class LiveFiguresPageTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private PartnerSpaceTelemetry _telemetry = null!;
    private InMemoryLiveEvents _live = null!;
    private ScanSource _source = null!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
        await _meters.DisposeAsync();
    }

    private async Task ArrangeAsync(IDbContextFactory<PartnerSpaceDbContext>? figuresDatabase = null)
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var partner = await _db.AddPartnerAsync(ev.Id);
        _source = new ScanSource(ev.Id, partner.Id, null);
        await _db.AddAttendeeAsync(ev.Id, "B-001", "grace@navy.example");
        var organizer = await _db.AddOrganizerAsync(ev.Id, "org@show.example");
        _telemetry = new PartnerSpaceTelemetry(_meters.GetRequiredService<IMeterFactory>());
        _live = new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance, _telemetry);
        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton<ILiveEvents>(_live);
        Services.AddSingleton(new CircuitEvents());
        Services.AddSingleton(new PartnerService(_db.Factory));
        Services.AddSingleton(new LiveFiguresService(figuresDatabase ?? _db.Factory, _db.Time, _telemetry));
        SignInAs(organizer);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private Task<IReadOnlyList<ScanOutcome>> ScanAsync(string badge = "B-001") =>
        new ScanService(_db.Factory, _live, _db.Time).RecordAsync(_source, [new(Guid.CreateVersion7().ToString(), badge, _db.Time.GetUtcNow().AddSeconds(-5).ToString("O"), "staff@acme.example", null)]);

    private IRenderedComponent<LiveFiguresPage> RenderPage()
    {
        var cut = Render<LiveFiguresPage>();
        cut.WaitForElement("[data-testid=live-figures][data-interactive=true]");
        return cut;
    }

    [Fact]
    public async Task BeforeAnyScanTheChartSaysNoScansYetAndTheOtherFiguresShowZero()
    {
        await ArrangeAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("No scans yet", cut.Find("[data-testid=empty-title]").TextContent));
        Assert.Equal("0", cut.Find("[data-testid=figure-scans-today]").TextContent);
        Assert.Equal("0", cut.Find("[data-testid=figure-outbox-backlog]").TextContent);
        Assert.Equal("none yet", cut.Find("[data-testid=figure-fanout-p99]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=scans-table]"));
        Assert.Equal(["The event (all nodes)", "Scans per minute, last 15 minutes", "This node"], cut.FindAll("h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task ScansShowAsBarsWithATableTwinAndAScanMovesTheFiguresLive()
    {
        await ArrangeAsync();
        await ScanAsync();
        await ScanAsync("UNKNOWN");
        _telemetry.CircuitOpened();
        var cut = RenderPage();
        Assert.Equal("2", cut.Find("[data-testid=figure-scans-minute]").TextContent);
        var rows = cut.FindAll("[data-testid=scans-row]");
        Assert.Equal(LiveFiguresService.Minutes, rows.Count);
        Assert.Equal("10:00", rows[0].QuerySelector("th")!.TextContent);
        Assert.Equal("2", rows[0].QuerySelector("[data-testid=scans-row-count]")!.TextContent);
        Assert.Equal("true", cut.Find("[data-testid=scans-chart]").GetAttribute("aria-hidden"));
        Assert.Equal("1", cut.Find("[data-testid=figure-open-circuits]").TextContent);

        await ScanAsync();

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=figure-scans-today]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("1", cut.Find("[data-testid=figure-leads-today]").TextContent);

        // A delivery is timed when its handler is done, the page's reload included: the next reload shows it.
        await ScanAsync();
        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid=figure-scans-today]").TextContent), TimeSpan.FromSeconds(5));
        Assert.EndsWith("ms", cut.Find("[data-testid=figure-fanout-p50]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileTheFiguresLoadTheProgressBarShows()
    {
        var slow = new SlowFactory();
        await ArrangeAsync(slow);

        var cut = Render<LiveFiguresPage>();

        Assert.NotEmpty(cut.FindAll("[data-testid=live-figures-loading]"));
        slow.Release(_db.Factory);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=live-figures-loading]")));
        Assert.Equal("0", cut.Find("[data-testid=figure-scans-today]").TextContent);
    }

    [Fact]
    public async Task WhenTheDatabaseFailsTheFirstLoadShowsAnError()
    {
        var slow = new SlowFactory();
        await ArrangeAsync(slow);
        slow.Fail();

        var cut = Render<LiveFiguresPage>();

        cut.WaitForAssertion(() => Assert.Contains("could not be loaded", cut.Find("[data-testid=live-figures-error]").TextContent, StringComparison.Ordinal));
    }

    /// <summary>A database that answers when the test says so, or fails.</summary>
    private sealed class SlowFactory : IDbContextFactory<PartnerSpaceDbContext>
    {
        private readonly TaskCompletionSource<IDbContextFactory<PartnerSpaceDbContext>> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(IDbContextFactory<PartnerSpaceDbContext> real) => _ready.TrySetResult(real);

        public void Fail() => _ready.TrySetException(new InvalidOperationException("The database is away."));

        public PartnerSpaceDbContext CreateDbContext() => throw new NotSupportedException();

        public async Task<PartnerSpaceDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await (await _ready.Task).CreateDbContextAsync(cancellationToken);
    }
}

/// <summary>The same page in French.</summary>
[Trait("Spec", "D-9")]
public sealed class LiveFiguresPageFrenchTests : ComponentTestBase
{
    private readonly TestDatabase _db = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public LiveFiguresPageFrenchTests()
        : base("fr")
    {
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
        await _meters.DisposeAsync();
    }

    [Fact]
    public async Task TheFiguresAreNamedInFrench()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        var organizer = await _db.AddOrganizerAsync(ev.Id, "org@show.example");
        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(new CircuitEvents());
        Services.AddSingleton(new PartnerService(_db.Factory));
        Services.AddSingleton(new LiveFiguresService(_db.Factory, _db.Time, new PartnerSpaceTelemetry(_meters.GetRequiredService<IMeterFactory>())));
        SignInAs(organizer);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = Render<LiveFiguresPage>();

        cut.WaitForAssertion(() => Assert.Equal("Aucun scan pour l’instant", cut.Find("[data-testid=empty-title]").TextContent));
        Assert.Equal(["L’événement (tous les nœuds)", "Scans par minute, 15 dernières minutes", "Ce nœud"], cut.FindAll("h2").Select(h => h.TextContent.Trim()));
    }
}
