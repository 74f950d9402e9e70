namespace PartnerSpace.Tests.Support;

/// <summary>
/// Browser tests run one class at a time and alone: on two cores, a second Chromium or a busy
/// test run next to them would make the live-update timings meaningless.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestsDefinition
{
    public const string Name = "Browser";
}
