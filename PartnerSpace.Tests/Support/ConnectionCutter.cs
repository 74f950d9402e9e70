using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// Cuts a page's circuit connection the way a lost network does, and brings it back.
/// An init script keeps every WebSocket the page opens, so <see cref="CutAsync"/> can close the
/// circuit's socket with a non-normal code (Blazor then shows its reconnect banner and retries);
/// while cut, a route refuses the SignalR negotiation every reconnection attempt starts with, so
/// the attempts fail as they would offline. After <see cref="Restore"/>, Blazor reconnects by itself.
/// </summary>
/// <remarks>
/// Not <c>BrowserContext.SetOfflineAsync</c>: with Chromium's offline emulation the reconnect
/// banner now and then never showed (about one run in five here), so the "disconnected" part of
/// the test was not reliably disconnected. Closing the socket and refusing the negotiation is.
/// </remarks>
public sealed partial class ConnectionCutter
{
    private const string TrackSockets = """
        (() => {
            const NativeWebSocket = window.WebSocket;
            const sockets = [];
            window.WebSocket = class extends NativeWebSocket {
                constructor(...args) {
                    super(...args);
                    sockets.push(this);
                }
            };
            window.__psDropSockets = () => {
                const open = sockets.splice(0).filter(s => s.readyState === NativeWebSocket.OPEN);
                open.forEach(s => s.close(4000, 'test: connection lost'));
                return open.length;
            };
        })();
        """;

    private readonly IPage _page;
    private volatile bool _cut;

    private ConnectionCutter(IPage page) => _page = page;

    /// <summary>Call before the page navigates, so the circuit's socket is one the page keeps.</summary>
    public static async Task<ConnectionCutter> InstallAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cutter = new ConnectionCutter(page);
        await page.AddInitScriptAsync(TrackSockets);
        await page.RouteAsync(Negotiation(), route => cutter._cut ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        return cutter;
    }

    /// <summary>Drops the open sockets and refuses new connections; answers how many sockets were open.</summary>
    public async Task<int> CutAsync()
    {
        _cut = true;
        return await _page.EvaluateAsync<int>("() => window.__psDropSockets()");
    }

    /// <summary>Lets connections through again; Blazor's next reconnection attempt succeeds.</summary>
    public void Restore() => _cut = false;

    [GeneratedRegex("/_blazor/negotiate")]
    private static partial Regex Negotiation();
}
