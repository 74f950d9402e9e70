using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerSpace.Bench;

/// <summary>
/// One real interactive-server circuit, opened the way blazor.web.js opens one: GET the page
/// (prerendered, with the server component markers <c>&lt;!--Blazor:{…}--&gt;</c> and the persisted
/// component state), connect to <c>/_blazor</c> over WebSockets with the MessagePack hub protocol
/// under its Blazor name "blazorpack", <c>StartCircuit</c>, then <c>UpdateRootComponents</c> with an
/// "add" operation per marker. Every render batch is acknowledged (<c>OnRenderCompleted</c>), so the
/// server keeps rendering; JS interop calls are answered with an empty success (no DOM here), so
/// the components' <c>OnAfterRenderAsync</c> run to their end as in a browser.
/// </summary>
internal sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _renderBatches;
    private int _jsCalls;
    private long _nextObjectId = 1_000_000;

    private BlazorCircuitClient(HubConnection hub) => _hub = hub;

    public int RenderBatches => Volatile.Read(ref _renderBatches);

    public int JsCalls => Volatile.Read(ref _jsCalls);

    /// <summary>The first error the server sent (<c>JS.Error</c>) or the connection closed with, if any.</summary>
    public string? Error { get; private set; }

    public bool IsConnected => _hub.State == HubConnectionState.Connected && Error is null;

    /// <summary>Opens a circuit on <paramref name="page"/> with the cookies (sign-in) of <paramref name="cookies"/>.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(HttpClient http, CookieContainer cookies, Uri baseAddress, Uri page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var html = await http.GetStringAsync(page, ct);
        var markers = Markers(html);
        if (markers.Count == 0)
        {
            throw new BenchException($"{page} has no interactive server component marker (<!--Blazor:{{\"type\":\"server\"…}}-->).");
        }

        var state = StateRegex().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "_blazor"), o =>
            {
                o.Cookies = cookies;
                o.WebSocketConfiguration = ws => LoopbackTls.For(ws, baseAddress);

                // WebSockets straight away, no negotiate request: behind a load balancer without
                // sticky sessions the negotiation and the socket could land on different nodes.
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var client = new BlazorCircuitClient(builder.Build());
        client.Register();
        await client._hub.StartAsync(ct);

        var secret = await client._hub.InvokeAsync<string?>("StartCircuit", baseAddress.ToString(), page.ToString(), "[]", "", ct);
        if (string.IsNullOrEmpty(secret))
        {
            throw new BenchException($"StartCircuit was refused: {client.Error ?? "no circuit"}");
        }

        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = marker,
            })]),
        };
        await client._hub.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, ct);
        return client;
    }

    /// <summary>Waits until the server sent the circuit's first render batch (the components are interactive).</summary>
    public Task WaitForFirstRenderAsync(TimeSpan timeout, CancellationToken ct) => _firstRender.Task.WaitAsync(timeout, ct);

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>The start markers of interactive server components, as the JSON objects the page holds.</summary>
    private static List<JsonObject> Markers(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerRegex().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server"
                && marker["descriptor"] is not null)
            {
                markers.Add(marker);
            }
        }

        return markers;
    }

    private void Register()
    {
        _hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async args =>
        {
            Interlocked.Increment(ref _renderBatches);
            _firstRender.TrySetResult();
            await _hub.SendAsync("OnRenderCompleted", (long)args[0]!, null);
        });

        // (taskId, identifier, argsJson, resultType, targetInstanceId): answer success with no value;
        // a call that expects a JS object reference gets a fresh one, as the browser would hand out.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long)], async args =>
        {
            Interlocked.Increment(ref _jsCalls);
            var taskId = (long)args[0]!;
            var resultType = (int)args[3]!;
            var result = resultType == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextObjectId)}}}" : "null";
            await _hub.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{result}]");
        });

        _hub.On("JS.Error", [typeof(string)], args =>
        {
            Error ??= (string?)args[0] ?? "JS.Error";
            return Task.CompletedTask;
        });

        _hub.Closed += ex =>
        {
            Error ??= ex?.Message ?? "closed by the server";
            return Task.CompletedTask;
        };
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerRegex();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StateRegex();

    /// <summary>The SignalR MessagePack hub protocol under the name Blazor's hub accepts ("blazorpack").</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";

        public int Version => 1;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => version == Version;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    }
}
