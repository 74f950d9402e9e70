using PartnerSpace.Domain.Home;

namespace PartnerSpace.Domain.Tasks;

/// <summary>S-2.1: the Home counter of the partner's tasks awaiting an answer.</summary>
public sealed class OpenTasksCounter(TaskService tasks) : IHomeCounter
{
    public HomeElement Element => HomeElement.OpenTasksCounter;

    public Task<int> CountAsync(Guid partnerId, CancellationToken ct = default) => tasks.CountOpenAsync(partnerId, ct);
}

/// <summary>Readiness of tasks: the completed ones of those the partner's audience includes.</summary>
public sealed class TaskReadiness(TaskService tasks) : IReadinessSource
{
    public ReadinessArea Area => ReadinessArea.Tasks;

    public async Task<IReadOnlyDictionary<Guid, ReadinessItem>> GetAsync(Guid eventId, Guid? partnerId = null, CancellationToken ct = default)
    {
        var completion = await tasks.GetCompletionAsync(eventId, partnerId, ct);
        return completion.ToDictionary(c => c.Key, c => new ReadinessItem(Area, c.Value.Done, c.Value.Total));
    }
}
