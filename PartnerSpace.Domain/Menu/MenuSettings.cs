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

    /// <summary>Where the portal shows the menu.</summary>
    public MenuPosition Position { get; private set; }

    /// <summary>Grows by one per save of the menu (items or appearance).</summary>
    public int Version { get; private set; }

    internal void Apply(MenuAppearance appearance)
    {
        Color = appearance.Color;
        Compact = appearance.Compact;
        Position = appearance.Position;
        Version++;
    }
}

/// <summary>Where the portal shows the burger menu (S-1.2).</summary>
public enum MenuPosition
{
    /// <summary>A drawer on the left, the usual place.</summary>
    Left = 0,

    /// <summary>A bar across the top of the page.</summary>
    Top = 1,
}

/// <summary>How the menu looks.</summary>
public sealed record MenuAppearance(string Color, bool Compact, MenuPosition Position = MenuPosition.Left)
{
    public static readonly MenuAppearance Default = new(MenuSettings.DefaultColor, false);
}
