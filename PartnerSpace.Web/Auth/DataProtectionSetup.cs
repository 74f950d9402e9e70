using Microsoft.AspNetCore.DataProtection;
using PartnerSpace.Domain;
using PartnerSpace.Domain.Files;

namespace PartnerSpace.Web.Auth;

/// <summary>
/// DESIGN §4: the keys that protect cookies and antiforgery tokens are kept on disk, so sign-ins
/// survive a restart and every node that shares the folder accepts them.
/// </summary>
public static class DataProtectionSetup
{
    public const string FolderSetting = "PartnerSpace:KeysFolder";
    public const string ApplicationName = "PartnerSpace";

    /// <summary><c>keys</c> beside the SQLite database (as <see cref="FileStore.DefaultFolder"/> puts <c>files</c>).</summary>
    public static string DefaultFolder(string connectionString) =>
        Path.Combine(Path.GetDirectoryName(FileStore.DefaultFolder(connectionString)) ?? ".", "keys");

    public static IHostApplicationBuilder AddPartnerSpaceDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(DomainServiceExtensions.ConnectionStringName) ?? DomainServiceExtensions.DefaultConnectionString;
        var folder = builder.Configuration[FolderSetting] is { Length: > 0 } configured ? configured : DefaultFolder(connectionString);
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(folder)));
        return builder;
    }
}
