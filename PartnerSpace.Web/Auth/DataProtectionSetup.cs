using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Live;
using StackExchange.Redis;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// DESIGN §4: the keys that protect cookies and antiforgery tokens are kept on disk, so sign-ins
/// survive a restart and every node that shares the folder accepts them. With <c>PartnerSpace:Redis</c>
/// (issue 9) the key ring is kept in Redis instead, so nodes share it without a shared folder; each
/// node caches the ring and rides out a Redis outage on it, but needs Redis to start.
/// </summary>
public static class DataProtectionSetup
{
    public const string FolderSetting = "PartnerSpace:KeysFolder";
    public const string ApplicationName = "PartnerSpace";

    /// <summary>The Redis list that holds the key ring.</summary>
    public const string RedisKey = "PartnerSpace:DataProtection-Keys";

    /// <summary><c>keys</c> beside the SQLite database (as <see cref="FileStore.DefaultFolder"/> puts <c>files</c>).</summary>
    public static string DefaultFolder(string connectionString) =>
        Path.Combine(Path.GetDirectoryName(FileStore.DefaultFolder(connectionString)) ?? ".", "keys");

    public static IHostApplicationBuilder AddPartnerSpaceDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(DomainServiceExtensions.ConnectionStringName) ?? DomainServiceExtensions.DefaultConnectionString;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (RedisSetup.OptionsOf(builder.Configuration) is not null)
        {
            // The node's one connection (RedisSetup), resolved when the key ring is first read.
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, redis) =>
                o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
            return builder;
        }

        var folder = builder.Configuration[FolderSetting] is { Length: > 0 } configured ? configured : DefaultFolder(connectionString);
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(folder)));
        return builder;
    }
}
