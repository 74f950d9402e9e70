using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.Leads.Categories;

/// <summary>The five lead categories (S-2.12) as sub-tabs; the open one reloads live, keeping its state (S-5).</summary>
public sealed partial class LeadCategoryTabs
{
    private int _tab;
    private LeadCategoryTable<ScanCategoryRow>? _scans;
    private LeadCategoryTable<SharingCategoryRow>? _sharing;
    private LeadCategoryTable<SessionCategoryRow>? _sessions;
    private LeadCategoryTable<NetworkingCategoryRow>? _networking;
    private LeadCategoryTable<MeetingCategoryRow>? _meetings;

    [Parameter, EditorRequired] public required Guid PartnerId { get; set; }

    [Parameter, EditorRequired] public required string TimeZoneId { get; set; }

    [Parameter, EditorRequired] public required LeadCategoryCounts Counts { get; set; }

    /// <summary>Categories whose count grew on the last live reload: highlighted.</summary>
    [Parameter] public IReadOnlySet<LeadCategory> Grown { get; set; } = new HashSet<LeadCategory>();

    [Parameter] public IReadOnlyList<LeadOwnerChoice> Team { get; set; } = [];

    [Parameter] public long SinceSequence { get; set; }

    /// <summary>The open category.</summary>
    public LeadCategory Active => (LeadCategory)_tab;

    /// <summary>Reloads the open category's current page, highlighting new rows.</summary>
    public Task ReloadActiveAsync() => Active switch
    {
        LeadCategory.Scans => _scans?.ReloadAsync(live: true),
        LeadCategory.Sharing => _sharing?.ReloadAsync(live: true),
        LeadCategory.Sessions => _sessions?.ReloadAsync(live: true),
        LeadCategory.Networking => _networking?.ReloadAsync(live: true),
        _ => _meetings?.ReloadAsync(live: true),
    } ?? Task.CompletedTask;

    /// <summary>
    /// A page of a category, read once for all the partner's screens of this node that reload it
    /// for the same event (<see cref="SharedLiveReads"/>): most show the same first page.
    /// </summary>
    private Task<PagedList<TRow>> Shared<TRow>(LeadListQuery query, Func<CancellationToken, Task<PagedList<TRow>>> read, CancellationToken ct) =>
        SharedReads.ReadAsync(Topics.Partner(PartnerId), query, read, ct);

    private string When(DateTimeOffset at) => EventTime.Format(at, TimeZoneId, Time.GetUtcNow());

    private static string Slug(LeadCategory category) => category.ToString().ToLowerInvariant();

    private static Color AnswerColor(MessageAnswer? answer) => answer switch
    {
        MessageAnswer.Accepted => Color.Success,
        MessageAnswer.Declined => Color.Error,
        _ => Color.Default,
    };

    private static Color StatusColor(MeetingStatus status) => status switch
    {
        MeetingStatus.Accepted => Color.Success,
        MeetingStatus.Pending => Color.Warning,
        MeetingStatus.Declined => Color.Error,
        _ => Color.Default,
    };
}
