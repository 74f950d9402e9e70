using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerSpace.Domain.Data;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Observability;

namespace PartnerSpace.Tests.Http;

/// <summary>
/// OpenTelemetry export (issue 9, item 6): with <c>PartnerSpace:Otlp:Endpoint</c> set, the portal posts
/// OTLP/HTTP protobuf to a real collector stand-in; without it, no OpenTelemetry provider exists.
/// </summary>
[Trait("Spec", "D-9")]
public sealed class OtlpExportTests : IDisposable
{
    private readonly OtlpCollector _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task MetricsAndTracesOfAScanReachTheCollector()
    {
        using var portal = new ExportingPortal(_collector.Endpoint);
        using var device = portal.CreateClient();
        device.DefaultRequestHeaders.Authorization = new("Bearer", DemoData.AcmeDeviceKey);

        using var response = await device.PostAsJsonAsync(new Uri("/api/v1/scans", UriKind.Relative), new
        {
            scanId = Guid.CreateVersion7(),
            badgeCode = "DEMO-0042",
            scannedAt = DateTimeOffset.UtcNow.AddSeconds(-2),
            scannedBy = DemoData.AcmeAdminEmail,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(portal.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(portal.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));

        var metrics = await _collector.WaitForAsync("/v1/metrics", body => Contains(body, "partnerspace.scans"));
        Assert.Equal("application/x-protobuf", metrics.ContentType);
        Assert.True(Contains(metrics.Body, "http.server.request.duration"), "The ASP.NET Core metrics are exported too.");
        var traces = await _collector.WaitForAsync("/v1/traces", body => Contains(body, "scans.record"));
        Assert.True(Contains(traces.Body, "PartnerSpace"));
    }

    [Fact]
    public void WithoutAnEndpointNothingIsBuilt()
    {
        using var portal = new PartnerSpaceFactory();

        Assert.Null(portal.Services.GetService<MeterProvider>());
        Assert.Null(portal.Services.GetService<TracerProvider>());
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private sealed class ExportingPortal(string endpoint) : PartnerSpaceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(ObservabilityExtensions.EndpointSetting, endpoint);
        }
    }

    public sealed record OtlpRequest(string Path, string? ContentType, byte[] Body);

    /// <summary>Answers 200 to every OTLP/HTTP post and keeps the bodies.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<OtlpRequest> _requests = new();

        public OtlpCollector()
        {
            Endpoint = $"http://127.0.0.1:{FreePort.Next()}/";
            _listener.Prefixes.Add(Endpoint);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Endpoint { get; }

        public async Task<OtlpRequest> WaitForAsync(string path, Func<byte[], bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (_requests.FirstOrDefault(r => r.Path == path && match(r.Body)) is { } found)
                {
                    return found;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"No {path} post matched; received: {string.Join(", ", _requests.Select(r => $"{r.Path} ({r.Body.Length} bytes)"))}");
        }

        public void Dispose() => _listener.Close();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _requests.Enqueue(new OtlpRequest(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
