using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using PartnerSpace.Domain.Leads;

namespace PartnerSpace.Tests.Support;

public sealed record WebhookRequest(Guid DeliveryId, string Timestamp, string Signature, string Body);

/// <summary>A real local HTTP receiver of webhooks: fails the first requests with 500, then answers 200 and dedups by delivery id.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<Guid, bool> _seen = new();
    private int _remainingFailures;

    public WebhookReceiver(int failFirst)
    {
        _remainingFailures = failFirst;
        Url = $"http://127.0.0.1:{FreePort.Next()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public List<WebhookRequest> Requests { get; } = [];

    public List<JsonElement> Delivered { get; } = [];

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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = Guid.Parse(context.Request.Headers[WebhookSignature.DeliveryHeader]!);
            lock (Requests)
            {
                Requests.Add(new WebhookRequest(id, context.Request.Headers[WebhookSignature.TimestampHeader]!, context.Request.Headers[WebhookSignature.SignatureHeader]!, body));
            }

            if (Interlocked.Decrement(ref _remainingFailures) >= 0)
            {
                context.Response.StatusCode = 500;
            }
            else
            {
                if (_seen.TryAdd(id, true))
                {
                    using var json = JsonDocument.Parse(body);
                    lock (Delivered)
                    {
                        Delivered.AddRange(json.RootElement.GetProperty("leads").EnumerateArray().Select(l => l.Clone()));
                    }
                }

                context.Response.StatusCode = 200;
            }

            context.Response.Close();
        }
    }
}
