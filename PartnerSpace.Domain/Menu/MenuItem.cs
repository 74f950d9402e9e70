using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Menu;

/// <summary>S-1.2: a tab of the partner space's burger menu, pointing at a page.</summary>
public sealed class MenuItem
{
    public const int LabelMaxLength = 80;
    public const int IconMaxLength = 60;

    private MenuItem()
    {
    }

    public MenuItem(Guid eventId, Guid pageId, int position, LocalizedText label, string icon, bool isEnabled)
    {
        EventId = eventId;
        PageId = pageId;
        Position = position;
        Label = label;
        Icon = icon;
        IsEnabled = isEnabled;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    public Guid PageId { get; private set; }

    public int Position { get; private set; }

    public LocalizedText Label { get; private set; } = LocalizedText.Empty;

    /// <summary>A symbolic icon name the portal maps to a Material icon.</summary>
    public string Icon { get; private set; } = "";

    public bool IsEnabled { get; private set; }

    public int Version { get; private set; }

    public Page? Page { get; private set; }

    public void SetEnabled(bool enabled) => IsEnabled = enabled;

    internal void Update(int position, LocalizedText label, string icon, bool isEnabled)
    {
        Position = position;
        Label = label;
        Icon = icon;
        IsEnabled = isEnabled;
        Version++;
    }
}
