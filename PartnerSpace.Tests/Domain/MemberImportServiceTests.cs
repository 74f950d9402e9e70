using System.Text;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.3")]
public sealed class MemberImportServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Viewer _admin = null!;

    private MemberImportService Import => _db.MemberImport;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _partnerId = (await _db.AddPartnerAsync(_eventId)).Id;
        _admin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _partnerId, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private Task<int> MembersAsync() => _db.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PartnerMembers));

    [Fact]
    public async Task ValidFileIsPreviewedThenImportedWhole()
    {
        var preview = await Import.PreviewAsync(_admin, _partnerId, Csv("email,first_name,last_name,role\nana@acme.example,Ana,Lopez,sales contact\nbo@acme.example,Bo,Chen,\n"), excel: false);

        Assert.True(preview.CanImport);
        Assert.Equal([MemberRole.SalesContact, MemberRole.Administrator], preview.Rows.Select(r => r.Role!.Value));
        Assert.Equal(new ImportResult(2, 0, 0), (await Import.ImportAsync(_admin, _partnerId, preview)).Value);
        Assert.Equal(3, await MembersAsync());
    }

    [Fact]
    public async Task BadRowsAreNamedAndNothingIsImported()
    {
        var preview = await Import.PreviewAsync(_admin, _partnerId, Csv("Email,Prénom,Nom,Rôle\nnot-an-email,A,B,admin\nadmin@acme.example,C,D,admin\nx@acme.example,,E,boss\nok@acme.example,F,G,participant\nok@acme.example,F,G,participant\n"), excel: false);

        Assert.False(preview.CanImport);
        Assert.Equal([2, 3, 4, 6], preview.Rows.Where(r => !r.IsValid).Select(r => r.Row));
        Assert.Contains("already in the team", preview.Rows[1].Errors.Select(e => e.Message));
        Assert.Equal(2, preview.Rows[2].Errors.Count);
        Assert.False((await Import.ImportAsync(_admin, _partnerId, preview)).IsSuccess);
        Assert.Equal(1, await MembersAsync());
    }

    [Theory]
    [InlineData("name,phone\nAna,123\n")]
    [InlineData("")]
    public async Task FileWithoutTheColumnsSaysWhatIsExpected(string csv)
    {
        var preview = await Import.PreviewAsync(_admin, _partnerId, Csv(csv), excel: false);

        Assert.False(preview.CanImport);
        Assert.Contains("email, first_name, last_name", preview.FileError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAnExcelFileIsRefusedClearly()
    {
        var preview = await Import.PreviewAsync(_admin, _partnerId, Csv("this is not a zip"), excel: true);

        Assert.StartsWith("This file could not be read", preview.FileError!.Message, StringComparison.Ordinal);
    }
}
