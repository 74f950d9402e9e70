using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.12")]
public sealed class ScanSubmissionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private const string Id = "0192f000-0000-7000-8000-000000000001";

    [Theory]
    [InlineData("2026-11-23T09:59:00+01:00")]
    [InlineData("2026-11-23T08:59:00Z")]
    [InlineData("2026-11-23T08:59:00.1234567Z")]
    [InlineData("2026-11-23T09:04:59Z")]
    public void AcceptsInstantsWithAnOffset(string scannedAt)
    {
        var result = ScanSubmission.From(new ScanInput(Id, "B-1", scannedAt, "Staff@Acme.Example", "  hi  "), Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("staff@acme.example", result.Value!.ScannedBy);
        Assert.Equal("hi", result.Value.Note);
        Assert.Equal(TimeSpan.Zero, result.Value.ScannedAt.Offset);
    }

    [Theory]
    [InlineData("2026-11-23T09:00:00", "no offset")]
    [InlineData("23/11/2026 09:00", "not ISO")]
    [InlineData("2026-11-23T09:05:01Z", "more than 5 minutes ahead")]
    [InlineData("", "empty")]
    public void RefusesAmbiguousOrFutureInstants(string scannedAt, string why)
    {
        var result = ScanSubmission.From(new ScanInput(Id, "B-1", scannedAt, "staff@acme.example", null), Now);

        Assert.False(result.IsSuccess, why);
        Assert.Equal(["scannedAt"], result.Error!.Fields!.Keys);
    }

    [Fact]
    public void RefusesTooLongBadgeAndNote()
    {
        var result = ScanSubmission.From(new ScanInput(Id, new string('x', 65), "2026-11-23T08:59:00Z", "staff@acme.example", new string('n', 1001)), Now);

        Assert.Equal(["badgeCode", "note"], result.Error!.Fields!.Keys.Order());
    }

    [Fact]
    public void RefusesEmptyGuidScanId()
    {
        var result = ScanSubmission.From(new ScanInput(Guid.Empty.ToString(), "B-1", "2026-11-23T08:59:00Z", "staff@acme.example", null), Now);

        Assert.Equal(["scanId"], result.Error!.Fields!.Keys);
    }
}
