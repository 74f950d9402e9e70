using PartnerSpace.Domain.Home;

namespace PartnerSpace.Domain.Documents;

/// <summary>S-2.1: the Home counter of the partner's documents nobody of it has read yet.</summary>
public sealed class DocumentsToReadCounter(DocumentService documents) : IHomeCounter
{
    public HomeElement Element => HomeElement.DocumentsToReadCounter;

    public Task<int> CountAsync(Guid partnerId, CancellationToken ct = default) => documents.CountToReadAsync(partnerId, ct);
}

/// <summary>Readiness of documents: those read of those shared with the partner.</summary>
public sealed class DocumentReadiness(DocumentService documents) : IReadinessSource
{
    public ReadinessArea Area => ReadinessArea.Documents;

    public async Task<IReadOnlyDictionary<Guid, ReadinessItem>> GetAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        var reading = await documents.GetReadingAsync(eventId, partnerId, ct);
        return reading.ToDictionary(r => r.Key, r => new ReadinessItem(Area, r.Value.Read, r.Value.Total));
    }
}
