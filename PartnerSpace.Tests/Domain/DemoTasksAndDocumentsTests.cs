using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Tasks;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>The demo's tasks and documents (S-2.5, S-2.6): every answer kind, one overdue, some done and read, files on disk.</summary>
[Trait("Spec", "S-2.5")]
[Trait("Spec", "S-2.6")]
public sealed class DemoTasksAndDocumentsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_db.Factory)
            .AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PartnerSpaceDbContext>>().CreateDbContext());
        services.AddIdentityCore<OrganizerUser>().AddEntityFrameworkStores<PartnerSpaceDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await using var db = await _db.Factory.CreateDbContextAsync();
        await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<OrganizerUser>>(), _db.Time.GetUtcNow(), new PartnerSpace.Domain.Files.FileStore(_db.FilesFolder));
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AcmeHasAnOverdueTaskWorkToDoAndDocumentsLeftToRead()
    {
        var acme = await _db.QueryAsync(db => db.Partners.SingleAsync(p => p.Name == DemoData.AcmeName));
        var organizer = new Viewer(ViewerKind.Organizer, await _db.QueryAsync(db => db.EventOrganizers.Select(o => o.UserId).SingleAsync()));
        var tasks = new TaskService(_db.Factory, _db.Access, _db.Files, _db.Live, _db.Time);
        var documents = new DocumentService(_db.Factory, _db.Access, _db.Files, _db.Live, _db.Time);

        var acmeTasks = (await tasks.GetForPartnerAsync(organizer, acme.Id)).Value!;
        var acmeDocuments = (await documents.GetForPartnerAsync(organizer, acme.Id)).Value!;

        Assert.Equal(Enum.GetValues<TaskAnswerKind>().Order(), (await _db.QueryAsync(db => db.Tasks.Select(t => t.AnswerKind).Distinct().ToListAsync())).Order());
        Assert.Contains(acmeTasks.Active, t => t.State == TaskState.Overdue);
        Assert.NotEmpty(acmeTasks.Completed);
        Assert.Equal(2, acmeDocuments.NotYetRead.Count);
        Assert.Equal(2, acmeDocuments.Read.Count);
        Assert.True(await _db.QueryAsync(db => db.TaskProgress.CountAsync(p => p.CompletedAt != null)) > 10);
    }

    [Fact]
    public async Task EveryDemoFileIsOnDiskAndReallyWhatItsTypeSays()
    {
        var files = await _db.QueryAsync(db => db.Files.ToListAsync());
        Assert.Contains(files, f => f.Purpose == PartnerSpace.Domain.Files.FilePurpose.Document);
        foreach (var file in files)
        {
            await using var stream = _db.Files.OpenRead(new PartnerSpace.Domain.Files.FileContent(file.Id, file.FileName, file.ContentType, file.Length, file.Purpose, file.PartnerId));
            Assert.NotNull(stream);
            var head = new byte[PartnerSpace.Domain.Files.FileSignature.HeadLength];
            var read = await stream!.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
            var kind = PartnerSpace.Domain.Files.FileSignature.Detect(Enum.GetValues<PartnerSpace.Domain.Forms.FileKind>(), head.AsSpan(0, read));
            Assert.True(kind is not null, $"{file.FileName} is of no kind we know");
            Assert.Equal(file.ContentType, PartnerSpace.Domain.Files.FileSignature.ContentTypeOf(kind.Value));
            Assert.Equal(file.Length, stream.Length);
        }
    }
}
