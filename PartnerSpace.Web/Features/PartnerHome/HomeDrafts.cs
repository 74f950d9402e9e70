using PartnerSpace.Domain.Home;

namespace PartnerSpace.Web.Features.PartnerHome;

/// <summary>An element row of the Home editor: shown or not, in the order of the rows.</summary>
public sealed class ElementDraft(HomeElement element, bool shown)
{
    public HomeElement Element { get; } = element;

    public bool Shown { get; set; } = shown;
}

/// <summary>A contact row of the Home editor, as typed (checked on save).</summary>
public sealed class ContactDraft
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public static ContactDraft From(HomeContact c) => new() { Name = c.Name, Role = c.Role, Email = c.Email, Phone = c.Phone };

    public HomeContact ToContact() => new(Name ?? "", Role, Email, Phone);
}
