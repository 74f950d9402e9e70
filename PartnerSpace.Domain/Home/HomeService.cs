using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Home;

/// <summary>A counter on a partner's Home page and its value.</summary>
public sealed record HomeCounterValue(HomeElement Element, int Count);

/// <summary>
/// What a partner's Home page shows (S-2.1): its title and logo from the profile, the organizer
/// team's contacts, and the elements the organizer chose, in their order: counters that some
/// feature computes, and the readiness checklist.
/// </summary>
public sealed record PartnerHome(
    Guid PartnerId,
    string Title,
    Guid? LogoId,
    IReadOnlyList<HomeContact> Contacts,
    IReadOnlyList<HomeElement> Elements,
    IReadOnlyDictionary<HomeElement, int> Counts,
    IReadOnlyList<ReadinessItem> Checklist);

/// <summary>
/// Builds the partners' Home page and tells the organizer's editor which elements exist: a counter
/// is offered only when a feature registered an <see cref="IHomeCounter"/> for it (meetings and
/// pending requests come with issue 6), the checklist when any <see cref="IReadinessSource"/> is.
/// Scoped: counters and sources are registered by their features, scoped or singleton.
/// </summary>
public sealed class HomeService(
    IDbContextFactory<PartnerSpaceDbContext> dbs,
    PartnerAccessService access,
    PartnerProfileService profiles,
    HomeDashboardService dashboards,
    IEnumerable<IHomeCounter> counters,
    IEnumerable<IReadinessSource> sources)
{
    private readonly IReadOnlyList<IHomeCounter> _counters = [.. counters];
    private readonly IReadOnlyList<IReadinessSource> _sources = [.. sources.OrderBy(s => s.Area)];

    /// <summary>The elements the organizer can put on the Home page: registered counters, then the checklist.</summary>
    public IReadOnlyList<HomeElement> AvailableElements =>
        [.. Enum.GetValues<HomeElement>().Where(e => e == HomeElement.ReadinessChecklist ? _sources.Count > 0 : _counters.Any(c => c.Element == e))];

    public async Task<Result<PartnerHome>> GetAsync(Viewer viewer, Guid partnerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(viewer, partnerId, ct) != PartnerAccess.Allowed)
        {
            return Error.Forbidden("forbidden", "You cannot see this partner's space.");
        }

        Guid eventId;
        string name;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            (eventId, name) = await db.Partners.Where(p => p.Id == partnerId).Select(p => new ValueTuple<Guid, string>(p.EventId, p.Name)).FirstAsync(ct);
        }

        var dashboard = await dashboards.GetAsync(eventId, ct);
        var available = AvailableElements;
        IReadOnlyList<HomeElement> elements = [.. dashboard.Elements.Where(available.Contains)];
        var counts = new Dictionary<HomeElement, int>();
        foreach (var counter in _counters.Where(c => elements.Contains(c.Element)))
        {
            counts[counter.Element] = await counter.CountAsync(partnerId, ct);
        }

        var checklist = new List<ReadinessItem>();
        if (elements.Contains(HomeElement.ReadinessChecklist))
        {
            foreach (var source in _sources)
            {
                if ((await source.GetAsync(eventId, partnerId, ct)).TryGetValue(partnerId, out var item))
                {
                    checklist.Add(item);
                }
            }
        }

        return Result<PartnerHome>.Ok(new PartnerHome(partnerId, name, await LogoOfAsync(viewer, partnerId, ct), dashboard.Contacts, elements, counts, checklist));
    }

    /// <summary>The logo: the profile's first image field that has an answer (the default form's "Logo").</summary>
    private async Task<Guid?> LogoOfAsync(Viewer viewer, Guid partnerId, CancellationToken ct)
    {
        if ((await profiles.GetAsync(viewer, partnerId, ct)).Value is not { } profile)
        {
            return null;
        }

        return profile.Form.Visible
            .Where(f => f.Type == FieldType.Image)
            .Select(f => profile.Answers.GetValueOrDefault(f.Id))
            .Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null)
            .FirstOrDefault(id => id is not null);
    }
}
