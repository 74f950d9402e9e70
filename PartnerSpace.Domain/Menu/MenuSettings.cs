namespace PartnerSpace.Domain.Menu;

/// <summary>S-1.2: the burger menu's appearance, and the version that guards the whole menu against stale saves.</summary>
public sealed class MenuSettings
{
    public const string DefaultColor = "#4338CA";

    private MenuSettings()
    {
    }

    public MenuSettings(Guid eventId) => EventId = eventId;

    public Guid EventId { get; private set; }

    /// <summary>Accent colour of the menu, "#RRGGBB".</summary>
    public string Color { get; private set; } = DefaultColor;

    /// <summary>Icons only (compact) or icons and labels.</summary>
    public bool Compact { get; private set; }

    /// <summary>Grows by one per save of the menu (items or appearance).</summary>
    public int Version { get; private set; }

    internal void Apply(MenuAppearance appearance)
    {
        Color = appearance.Color;
        Compact = appearance.Compact;
        Version++;
    }
}

/// <summary>How the menu looks.</summary>
public sealed record MenuAppearance(string Color, bool Compact)
{
    public static readonly MenuAppearance Default = new(MenuSettings.DefaultColor, false);
}
