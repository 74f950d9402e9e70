using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PartnerSpace.Web.Security;

/// <summary>
/// The <c>PartnerSpace:Https</c> settings: HTTPS redirection, and which proxies may tell us the
/// request's scheme and client address (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-For</c>).
/// </summary>
public sealed class HttpsOptions
{
    public const string Section = "PartnerSpace:Https";

    /// <summary>Redirect http to https outside Development; turn off behind a proxy that ends TLS and redirects itself.</summary>
    public bool Redirect { get; set; } = true;

    /// <summary>Addresses of the proxies whose forwarded headers are believed (e.g. <c>10.0.0.5</c>); none: no header is.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of such proxies in CIDR notation (e.g. <c>10.0.0.0/8</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    public bool TrustsProxies => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>Issue 8: HSTS, HTTPS redirection and forwarded headers, in Production only.</summary>
public static class TransportSecurity
{
    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var https = new HttpsOptions();
        builder.Configuration.GetSection(HttpsOptions.Section).Bind(https);
        builder.Services.AddSingleton(https);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in the settings: the defaults (loopback) are dropped as well,
            // so with none named, a client cannot pretend to be on https or at another address.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in https.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in https.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        return builder;
    }

    /// <summary>Before anything reads the scheme or the client address (rate limits, sign-in links, cookies).</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var https = app.Services.GetRequiredService<HttpsOptions>();
        if (https.TrustsProxies)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (https.Redirect)
            {
                app.UseHttpsRedirection();
            }
        }

        return app;
    }
}
