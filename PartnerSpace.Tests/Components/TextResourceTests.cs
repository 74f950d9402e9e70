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

    [Fact]
    [Trait("Spec", "S-1.1")]
    public void EveryImportIssueHasItsWordsInBothLanguages()
    {
        // The screens translate an import issue by its code (Import.Issue.{Code}); the domain names the codes.
        var codes = Directory.EnumerateFiles(Repository.PathOf("PartnerSpace.Domain"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Where(text => text.Contains("ImportIssue", StringComparison.Ordinal))
            .SelectMany(text => IssueCode().Matches(text).Select(m => $"Import.Issue.{m.Groups[1].Value}"))
            .ToHashSet();

        Assert.Contains("Import.Issue.BadgeTaken", codes);
        Assert.Contains("Import.Issue.AlreadyMember", codes);
        Assert.Empty(codes.Except(Keys("SharedResource.resx")));
        Assert.Empty(codes.Except(Keys("SharedResource.fr.resx")));
    }

    [GeneratedRegex(@"new\(""([A-Z][A-Za-z]+)"", \$?""")]
    private static partial Regex IssueCode();

    [GeneratedRegex(@"L\[""([A-Za-z0-9.]+)""\]")]
    private static partial Regex UsedKey();
}
