using Microsoft.Playwright;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Tests.Support.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerSpace.Tests.Browser;

/// <summary>
/// Issue 8: the main screens work under the Content-Security-Policy with no violation: Blazor's
/// circuit, MudBlazor's styles, dialogs and drag and drop, the phone scanner and its service
/// worker, and the API reference (docs/SECURITY.md).
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    // Runs in every document before its own scripts: a violation anywhere, at any time, is reported.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            window.__psCspViolation(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`), true);
        """;

    private readonly List<string> _violations = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Context.ExposeFunctionAsync("__psCspViolation", (string violation) => Record(violation));
        await Context.AddInitScriptAsync(ReportViolations);
        Context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Record($"console: {message.Text}");
            }
        };
    }

    private void Record(string violation)
    {
        lock (_violations)
        {
            _violations.Add(violation);
        }
    }

    [Fact]
    [Trait("Category", "Browser")]
    [Trait("Spec", "S-4")]
    [Trait("Spec", "S-1.1")]
    [Trait("Spec", "S-1.2")]
    [Trait("Spec", "S-2.1")]
    [Trait("Spec", "S-2.12")]
    public async Task TheMainScreensRunUnderThePolicyWithoutAViolation()
    {
        var acme = await Portal.PartnerIdAsync(DemoData.AcmeName);

        // Sign-in: a static form posted for real (form-action, redirects), then the back office.
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();
        await Expect(signIn.PasswordForm).ToBeVisibleAsync();
        await signIn.SignInAsOrganizerAsync(DemoData.OrganizerEmail, DemoData.OrganizerPassword);
        var partners = new OrganizerPartnersPage(Page);
        await partners.WaitForInteractiveAsync();

        // A MudBlazor dialog.
        await Page.GetByTestId("new-partner").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Name")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The menu editor with a drag (MudBlazor drop zones position the dragged row with styles).
        await Page.SetViewportSizeAsync(1280, 1800);
        var editor = new MenuEditorScreen(Page);
        await editor.OpenAsync();
        var before = await editor.PreviewOrderAsync();
        var rowKinds = await editor.Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)");
        var rowAt = Array.IndexOf(rowKinds, "Leads");
        await editor.DragAsync("Leads", ontoRow: rowAt - 2);
        await Expect(editor.PreviewItems.Nth(before.ToList().IndexOf("Leads") - 1)).ToHaveTextAsync("Leads");
        await Page.SetViewportSizeAsync(1280, 900);

        // The partner's home and leads, as the organizer sees them.
        await new PartnerHomePage(Page).OpenAsync(acme);
        await new LeadsPage(Page).OpenAsync(acme);

        // The phone scanner: its own script, its service worker, its camera permission.
        var scanner = new ScannerScreen(Page);
        await scanner.OpenWithKeyAsync(DemoData.AcmeDeviceKey);
        await Expect(Page.GetByTestId("scanner-partner")).Not.ToBeEmptyAsync();

        // The API reference, offline: Scalar's script and its one inline start-up script.
        await Page.GotoAsync("/api/docs");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).First).ToBeVisibleAsync();

        // Violations are reported asynchronously: give the last page a moment to report any.
        await Page.WaitForTimeoutAsync(300);
        lock (_violations)
        {
            Assert.True(_violations.Count == 0, "CSP violations:\n" + string.Join("\n", _violations));
        }
    }
}
