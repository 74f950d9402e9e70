namespace PartnerSpace.Web;

/// <summary>Marker for the shared French and English texts (Resources/SharedResource*.resx).</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>: never instantiated, never static.
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
