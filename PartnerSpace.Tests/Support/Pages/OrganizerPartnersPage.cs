using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/organizer</c>: the back office's partner table (S-1.1) with links to each space (S-4.4).</summary>
public sealed class OrganizerPartnersPage(IPage page) : BlazorPage(page)
{
    public const string Path = "/organizer";

    public ILocator Table => Page.GetByTestId("partner-table");

    public ILocator Names => Table.GetByTestId("partner-name");

    public Task OpenAsync() => GotoInteractiveAsync(Path);

    /// <summary>The table row whose name cell starts with the partner's name (a chip may follow).</summary>
    public ILocator Row(string partnerName) =>
        Table.GetByRole(AriaRole.Row).Filter(new()
        {
            Has = Page.GetByTestId("partner-name").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(partnerName)) }),
        });

    /// <summary>The row's "Partner space" button (a link; its accessible name names the partner).</summary>
    public ILocator PartnerSpaceButton(string partnerName) =>
        Row(partnerName).GetByRole(AriaRole.Link, new() { Name = $"Open the partner space of {partnerName}", Exact = true });

    /// <summary>S-4: opens the "Open space…" dialog, scoped to one category, with "send the access e-mail now" as it is (on).</summary>
    public async Task<ILocator> OpenSpacesOfCategoryAsync(string category)
    {
        await Page.GetByTestId("open-spaces").ClickAsync();
        var dialog = Page.GetByTestId("open-space-dialog");
        await dialog.GetByTestId("scope-category").ClickAsync();
        await dialog.GetByTestId("open-category").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = category, Exact = true }).ClickAsync();
        return dialog;
    }

    /// <summary>The row's space cell: <c>data-open</c> says whether the space is open.</summary>
    public ILocator SpaceCell(string partnerName) => Row(partnerName).GetByTestId("partner-space");
}
