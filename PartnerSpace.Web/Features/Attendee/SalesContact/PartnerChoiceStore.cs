using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace PartnerSpace.Web.Features.Attendee.SalesContact;

/// <summary>
/// S-3.2: remembers in the browser which partner a sales contact of several partners manages. Kept
/// behind this small seam so components can be tested without a browser; the real one is
/// <see cref="ProtectedPartnerChoiceStore"/>.
/// </summary>
public interface IPartnerChoiceStore
{
    /// <summary>The partner chosen last in this browser for the event, or null (none, unreadable, or JavaScript not ready).</summary>
    Task<Guid?> GetAsync(Guid eventId);

    Task SetAsync(Guid eventId, Guid partnerId);
}

/// <summary>
/// The choice in the browser's local storage, encrypted and signed by ASP.NET Core Data Protection
/// (<see cref="ProtectedLocalStorage"/>), so it survives closing the browser and cannot be forged.
/// Only callable once the circuit is interactive (after the first render).
/// </summary>
public sealed class ProtectedPartnerChoiceStore(ProtectedLocalStorage storage, ILogger<ProtectedPartnerChoiceStore> logger) : IPartnerChoiceStore
{
    public async Task<Guid?> GetAsync(Guid eventId)
    {
        try
        {
            var stored = await storage.GetAsync<Guid>(Key(eventId));
            return stored.Success ? stored.Value : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or InvalidOperationException or Microsoft.JSInterop.JSException)
        {
            // A value written under another key ring, or storage unavailable: start from the default.
            logger.LogDebug(ex, "The remembered partner could not be read.");
            return null;
        }
    }

    public async Task SetAsync(Guid eventId, Guid partnerId)
    {
        try
        {
            await storage.SetAsync(Key(eventId), partnerId);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.JSInterop.JSException)
        {
            logger.LogDebug(ex, "The chosen partner could not be remembered.");
        }
    }

    private static string Key(Guid eventId) => $"ps.sales-contact.partner.{eventId:N}";
}
