using System.Diagnostics;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// One time budget shared by the assertions that follow an event: "within a second of the scan,
/// the counter and the row show", not a second for each.
/// </summary>
public sealed class LiveDeadline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _budget;

    private LiveDeadline(TimeSpan budget) => _budget = budget;

    public static LiveDeadline Start(TimeSpan budget) => new(budget);

    /// <summary>What is left of the budget, for Playwright's <c>Timeout</c> options (at least 1 ms).</summary>
    public float RemainingMilliseconds => (float)Math.Max(1, (_budget - _clock.Elapsed).TotalMilliseconds);
}
