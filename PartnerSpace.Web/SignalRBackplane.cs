using Microsoft.AspNetCore.SignalR;
using PartnerSpace.Domain.Live;
using StackExchange.Redis;

namespace PartnerSpace.Web;

/// <summary>
/// Issue 9: with <c>PartnerSpace:Redis</c>, a message sent to a hub's group or user reaches the
/// clients on every node (the SignalR Redis backplane, channels prefixed <c>PartnerSpace</c>).
/// Blazor's own circuit hub stays on this node's manager: a circuit lives on one node (sticky
/// sessions), only ever talks to its own connection, and must keep connecting while Redis is down;
/// the backplane would only add two Redis subscriptions per circuit.
/// </summary>
public static class SignalRBackplane
{
    public const string ChannelPrefix = "PartnerSpace";

    /// <summary>Blazor's hub (internal to the framework), found by name; null if a future version renames it.</summary>
    public static Type? BlazorHub { get; } = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server");

    public static IHostApplicationBuilder AddPartnerSpaceSignalRBackplane(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (RedisSetup.OptionsOf(builder.Configuration) is not { } redis)
        {
            return builder;
        }

        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = redis;
            o.Configuration.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
        });
        if (BlazorHub is { } hub)
        {
            // A closed registration wins over the backplane's open generic one.
            builder.Services.AddSingleton(typeof(HubLifetimeManager<>).MakeGenericType(hub), typeof(DefaultHubLifetimeManager<>).MakeGenericType(hub));
        }

        return builder;
    }
}
