using System.Text.RegularExpressions;
using System.Xml.Linq;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Components;

/// <summary>Every text the screens ask for exists in French and in English.</summary>
public sealed partial class TextResourceTests
{
    private static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Repository.PathOf("PartnerSpace.Web", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [Fact]
    public void FrenchAndEnglishHaveTheSameKeys()
    {
        var english = Keys("SharedResource.resx");
        var french = Keys("SharedResource.fr.resx");

        Assert.Empty(english.Except(french));
        Assert.Empty(french.Except(english));
    }

    [Fact]
    public void EveryKeyTheCodeUsesExists()
    {
        var english = Keys("SharedResource.resx");
        var used = Directory.EnumerateFiles(Repository.PathOf("PartnerSpace.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(english));
    }

    [GeneratedRegex(@"L\[""([A-Za-z0-9.]+)""\]")]
    private static partial Regex UsedKey();
}
