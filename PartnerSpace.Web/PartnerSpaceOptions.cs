namespace PartnerSpace.Web;

/// <summary>The <c>PartnerSpace</c> configuration section (DESIGN §7).</summary>
public sealed class PartnerSpaceOptions
{
    public const string Section = "PartnerSpace";

    /// <summary>One-click demo sign-ins, the documented demo device key and the demo data.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// How often a session is checked against its account (removed member, revoked access, changed
    /// password or two-factor): the cookie on requests, the open Blazor circuit on a timer.
    /// </summary>
    public TimeSpan SessionRevalidation { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Posts to the sign-in endpoints allowed per client address and minute (DESIGN §4).</summary>
    public int SignInRequestsPerMinute { get; set; } = 20;

    /// <summary>
    /// This node's name when several serve one event (DESIGN §8): sent as <c>X-PartnerSpace-Node</c>
    /// on every answer, so the proxy's stickiness and a problem on one node can be seen. None: no header.
    /// </summary>
    public string? NodeName { get; set; }
}
