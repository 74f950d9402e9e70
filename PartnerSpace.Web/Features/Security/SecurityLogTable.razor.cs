using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;

namespace PartnerSpace.Web.Features.Security;

public sealed partial class SecurityLogTable
{
    private MudTable<SecurityLogRow>? _table;
    private string? _search;
    private IReadOnlyCollection<SecurityAction> _actions = [];
    private string? _from;
    private string? _to;
    private Guid? _partnerId;
    private bool _periodInvalid;
    private bool _error;
    private bool _interactive;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<SecurityLogTable> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public required string TimeZoneId { get; set; }

    /// <summary>The event's partners, for the partner filter.</summary>
    [Parameter] public IReadOnlyList<(Guid Id, string Name)> Partners { get; set; } = [];

    /// <summary>Loads one page (1-based) in the database.</summary>
    [Parameter, EditorRequired] public required Func<SecurityLogQuery, int, int, CancellationToken, Task<Result<SecurityLogLines>>> Load { get; set; }

    /// <summary>What the filters say now: the table's and the download's.</summary>
    public SecurityLogQuery Query => new(_search, _actions.Count > 0 ? [.. _actions] : null, Day(_from), Day(_to), _partnerId);

    private bool IsFiltered => Query is { Search: { Length: > 0 } } or { Actions: not null } or { From: not null } or { To: not null } or { PartnerId: not null };

    public Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task<TableData<SecurityLogRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var query = Query;
        if (query is { From: { } from, To: { } to } && to < from)
        {
            _periodInvalid = true;
            return new TableData<SecurityLogRow> { Items = [], TotalItems = 0 };
        }

        _periodInvalid = false;
        try
        {
            var result = await Load(query, state.Page + 1, state.PageSize, ct);
            _error = !result.IsSuccess;
            return result.Value is { } page
                ? new TableData<SecurityLogRow> { Items = page.Rows.Items, TotalItems = page.Rows.Total }
                : new TableData<SecurityLogRow> { Items = [], TotalItems = 0 };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not load the security log");
            _error = true;
            return new TableData<SecurityLogRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task SearchAsync(string? search)
    {
        _search = search;
        return FirstPageAsync();
    }

    private Task ActionsAsync(IEnumerable<SecurityAction>? actions)
    {
        _actions = actions is null ? [] : [.. actions];
        return FirstPageAsync();
    }

    private Task FromAsync(string? value)
    {
        _from = value;
        return FirstPageAsync();
    }

    private Task ToAsync(string? value)
    {
        _to = value;
        return FirstPageAsync();
    }

    private Task PartnerAsync(Guid? partnerId)
    {
        _partnerId = partnerId;
        return FirstPageAsync();
    }

    private Task FirstPageAsync()
    {
        if (_table is { CurrentPage: > 0 })
        {
            // Back to the first page, which loads it: a later page of the old results may not exist.
            _table.NavigateTo(Page.First);
            return Task.CompletedTask;
        }

        return ReloadAsync();
    }

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static Color ColorOf(SecurityAction action) => action switch
    {
        SecurityAction.SignInFailed or SecurityAction.LockedOut or SecurityAction.AccessRevoked => Color.Error,
        SecurityAction.RoleChanged or SecurityAction.MemberRemoved or SecurityAction.DeviceKeyRevoked or SecurityAction.WebhookDeleted or SecurityAction.TwoFactorDisabled => Color.Warning,
        SecurityAction.LeadsExported or SecurityAction.DiscountUsageExported or SecurityAction.SecurityLogExported => Color.Info,
        _ => Color.Default,
    };

    /// <summary>A user agent as people read it: the browser and the system, when recognisable.</summary>
    private static string Browser(string agent)
    {
        var browser = agent.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : agent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : agent.Contains("Chrome/", StringComparison.Ordinal) || agent.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : agent.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : null;
        var system = agent.Contains("Android", StringComparison.Ordinal) ? "Android"
            : agent.Contains("iPhone", StringComparison.Ordinal) || agent.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : agent.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : agent.Contains("Mac OS", StringComparison.Ordinal) ? "macOS"
            : agent.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return browser is null ? (agent.Length > 60 ? agent[..60] + "…" : agent) : system is null ? browser : $"{browser} · {system}";
    }
}
