using System.Globalization;
using PartnerSpace.Web.Features.FormBuilder;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-1.4")]
public sealed class CountriesTests
{
    [Theory]
    [InlineData("fr-FR", "DE", "Allemagne")]
    [InlineData("en-GB", "DE", "Germany")]
    public void CountriesAreNamedInTheUsersLanguage(string culture, string code, string name)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            Assert.Equal(name, Countries.NameOf(code));
            Assert.True(Countries.All().Count > 150);
            Assert.All(Countries.All(), c => Assert.Matches("^[A-Z]{2}$", c.Code));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
