using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Home;

/// <summary>
/// Readiness of the profile (S-2.2): the required fields of the organizer's profile form that the
/// partner has filled, out of all required fields. A form with no required field is complete.
/// </summary>
public sealed class ProfileReadiness(PartnerProfileService profiles, FormService forms) : IReadinessSource
{
    public ReadinessArea Area => ReadinessArea.Profile;

    public async Task<IReadOnlyDictionary<Guid, ReadinessItem>> GetAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        var required = (await forms.GetAsync(eventId, FormKind.Profile, ct)).Visible.Count(f => f.Required);
        var completions = await profiles.GetCompletionsAsync(eventId, ct);
        return completions
            .Where(c => partnerId is null || c.Key == partnerId)
            .ToDictionary(c => c.Key, c => new ReadinessItem(Area, required - c.Value.RequiredMissing, required));
    }
}
