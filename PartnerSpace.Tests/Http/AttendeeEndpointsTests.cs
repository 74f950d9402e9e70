using System.Net;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Attendees;

namespace PartnerSpace.Tests.Http;

[Trait("Spec", "S-1.1")]
public sealed class AttendeeEndpointsTests(PartnerSpaceFactory portal) : IClassFixture<PartnerSpaceFactory>
{
    private static readonly Uri Template = new(AttendeeEndpoints.TemplatePath, UriKind.Relative);

    [Fact]
    public async Task OrganizersDownloadTheImportTemplate()
    {
        using var organizer = await portal.SignedInAsync("organizer");

        var response = await organizer.GetAsync(Template);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attendees.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("email,first_name,last_name,company,badge_code,ticket,language\r\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("partner-admin", HttpStatusCode.Forbidden)]
    [InlineData("attendee", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Redirect)]
    public async Task OthersDoNot(string? who, HttpStatusCode expected)
    {
        using var client = who is null ? portal.CreateBrowserlessClient() : await portal.SignedInAsync(who);

        var response = await client.GetAsync(Template);

        Assert.Equal(expected, response.StatusCode);
    }
}
