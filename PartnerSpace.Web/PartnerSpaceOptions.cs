namespace PartnerSpace.Web;

/// <summary>The <c>PartnerSpace</c> configuration section (DESIGN §7).</summary>
public sealed class PartnerSpaceOptions
{
    public const string Section = "PartnerSpace";

    /// <summary>One-click demo sign-ins, the documented demo device key and the demo data.</summary>
    public bool Demo { get; set; }
}
