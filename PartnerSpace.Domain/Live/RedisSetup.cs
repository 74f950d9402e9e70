using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace PartnerSpace.Domain.Live;

/// <summary>
/// <c>PartnerSpace:Redis</c> (issue 9): a StackExchange.Redis configuration string such as
/// <c>127.0.0.1:6379</c>. Empty: one node, everything in memory. Set: one connection for the node,
/// shared by live events, the key ring and the sign-in counters (the SignalR backplane has its own).
/// </summary>
public static class RedisSetup
{
    public const string Setting = "PartnerSpace:Redis";

    /// <summary>The connection options the setting names, or null when it is empty.</summary>
    public static ConfigurationOptions? OptionsOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[Setting] is not { Length: > 0 } value)
        {
            return null;
        }

        var options = ConfigurationOptions.Parse(value);
        // Start and keep running without Redis; reconnect in the background.
        options.AbortOnConnectFail = false;
        // A command for a server that is down fails at once instead of queueing: a scan request
        // never waits on Redis, and a long outage does not pile events up in memory.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy ??= new LinearRetry(1000);
        options.ClientName ??= "PartnerSpace";
        return options;
    }

    /// <summary>The node's connection and the live events over it.</summary>
    public static IServiceCollection AddRedisLiveEvents(this IServiceCollection services, ConfigurationOptions options)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddSingleton<InMemoryLiveEvents>();
        services.AddSingleton<RedisLiveEvents>();
        services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<RedisLiveEvents>());
        return services;
    }
}
