using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer/leads</c>: per-partner lead counts, live, and the scan mailing (S-1.7, S-5).</summary>
public sealed class LeadsOverviewPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer/leads";

    public Task OpenAsync() => GotoInteractiveAsync(Path);

    public ILocator Row(string partnerName) =>
        Page.GetByTestId("overview-table").Locator("tr").Filter(new() { Has = Page.GetByTestId("overview-partner").GetByText(partnerName, new() { Exact = true }) });

    public ILocator Scans(string partnerName) => Row(partnerName).GetByTestId("overview-scans");

    public ILocator Leads(string partnerName) => Row(partnerName).GetByTestId("overview-leads");

    public async Task<int> ReadScansAsync(string partnerName) => ParseCount(await Scans(partnerName).InnerTextAsync());

    public ILocator MailingSent => Page.GetByTestId("scan-mailing-sent");

    public ILocator SendMailing => Page.GetByTestId("scan-mailing-send");

    public ILocator LeadsTabSwitch => Page.GetByTestId("leads-tab-switch");
}
