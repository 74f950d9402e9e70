using Microsoft.AspNetCore.Identity;

namespace PartnerSpace.Domain.Access;

/// <summary>An organizer's account: e-mail and password, through ASP.NET Core Identity.</summary>
public sealed class OrganizerUser : IdentityUser<Guid>
{
    public OrganizerUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
}
