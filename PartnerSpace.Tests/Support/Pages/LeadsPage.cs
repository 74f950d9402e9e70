using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/partner/{id}/leads</c>: counters and the scanned leads, newest scan first (S-2.12).</summary>
public sealed class LeadsPage(IPage page) : PortalPage(page)
{
    public static string PathOf(Guid partnerId) => $"/partner/{partnerId}/leads";

    public ILocator Table => Page.GetByTestId("lead-table");

    /// <summary>The name cell of each row, in the table's order (last scan first by default).</summary>
    public ILocator LeadNames => Table.GetByTestId("lead-name");

    public Task OpenAsync(Guid partnerId) => GotoInteractiveAsync(PathOf(partnerId));
}
